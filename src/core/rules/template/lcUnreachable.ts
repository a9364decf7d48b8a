import { templateRule, type Problem } from '../rule.js';

export const lcUnreachable = templateRule({
  id: 'lc-unreachable',
  severity: 'warning',
  description:
    'A local controller of snooze.localControllers (or --lc) could not be reached over ssh: the template was not checked there. One finding per LC, not one per path.',
  check({ lcs, template, document }) {
    return lcs.flatMap((lc): Problem[] =>
      lc.reachable
        ? []
        : [
            {
              message: `the local controller ${lc.host} could not be reached, so this template was not checked there: ${lc.error}`,
              range: document.lines.rangeOf(template.root.startTag),
            },
          ],
    );
  },
});
