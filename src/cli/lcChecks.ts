// `--lc HOST` and `--ssh-config FILE`: the templates of the run are checked on the local controllers. The host
// list comes from flags only, never from a settings file: linting a repository must not make the CLI connect
// where the repository says (nor run the ProxyCommand of an ssh config it ships).
import path from 'node:path';
import { parseTemplateDocument } from '../core/domain/templateDocument.js';
import type { DomainTemplate } from '../core/domain/domainTemplate.js';
import { planLint, readTemplateText, type LintRun } from '../core/lint/lintPaths.js';
import { LcGatherer } from '../core/lc/lcGatherer.js';
import type { LcFacts } from '../core/lc/lcFacts.js';
import { whatToCheck } from '../core/lc/whatToCheck.js';
import type { LintSettings } from '../core/settings/settings.js';
import type { CliOptions } from './args.js';

/** Reads the templates of the run once to learn what to ask, then asks each LC in one round trip. */
export function gatherLcFacts(options: CliOptions, _settings: LintSettings, cwd: string): LcFacts[] {
  const templates: DomainTemplate[] = [];
  for (const { file } of planLint(options.paths).templates) {
    const read = readTemplateText(file);
    if (!('text' in read)) continue;
    const document = parseTemplateDocument(file, read.text);
    if (document.kind === 'template') templates.push(document.template);
  }
  // No shared connection: one run makes one round trip per LC, and leaves no ssh behind it.
  const gatherer = new LcGatherer(options.sshConfig ? { configFile: path.resolve(cwd, options.sshConfig) } : {});
  return gatherer.gatherSync([...new Set(options.lcs)], whatToCheck(templates));
}

/** The editor shows an unreachable LC on each template; a CLI run says it once, on the first template. */
export function oneUnreachableWarningPerLc(run: LintRun): LintRun {
  const seen = new Set<string>();
  const findings = run.findings.filter((f) => {
    if (f.rule !== 'lc-unreachable') return true;
    if (seen.has(f.message)) return false;
    seen.add(f.message);
    return true;
  });
  return { ...run, findings };
}
