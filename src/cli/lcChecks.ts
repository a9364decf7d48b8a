// `--lc HOST` and `--ssh-config FILE`: the templates of the run are checked on the local controllers. The host
// list comes from flags only, never from a settings file: linting a repository must not make the CLI connect
// where the repository says (nor run the ProxyCommand of an ssh config it ships).
import path from 'node:path';
import { templatesAmong, type LintInput, type LintRun } from '../core/lint/lintPaths.js';
import { LcGatherer } from '../core/lc/lcGatherer.js';
import type { LcFacts } from '../core/lc/lcFacts.js';
import { whatToCheck } from '../core/lc/whatToCheck.js';
import type { CliOptions } from './args.js';

/** Reads the templates of the run once to learn what to ask, then asks each LC in one round trip. */
export function gatherLcFacts(options: CliOptions, inputs: readonly LintInput[], cwd: string): LcFacts[] {
  // No shared connection: one run makes one round trip per LC, and leaves no ssh behind it.
  const sshConfig = options['ssh-config'];
  const gatherer = new LcGatherer(sshConfig ? { configFile: path.resolve(cwd, sshConfig) } : {});
  return gatherer.gatherSync([...new Set(options.lc)], whatToCheck(templatesAmong(inputs)));
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
