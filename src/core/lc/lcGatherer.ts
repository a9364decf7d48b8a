// Gathers the facts of each LC: ONE `ssh HOST sh -s` per LC per refresh, all LCs at once, whatever the number
// of templates and paths. Never throws for a host that cannot be reached: that host's facts say why.
import { spawn, spawnSync } from 'node:child_process';
import type { LcFacts } from './lcFacts.js';
import { parseLcReply } from './lcReply.js';
import { lcScript } from './lcScript.js';
import { refusedHost, sshArgs, sshExitArgs, type SshOptions } from './sshCommand.js';
import type { LcRequest } from './whatToCheck.js';

export interface GatherOptions extends SshOptions {
  /** The whole round trip, connection included, may take this long before ssh is killed. */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

const DEFAULT_GATHER_TIMEOUT_MS = 60_000;
const MAX_REPLY_BYTES = 16 * 1024 * 1024;

/** ssh's last words: its stderr's last non-empty line, or how it ended. */
function sshError(stderr: string, status: number | null, signal: string | null, timedOut: boolean): string {
  if (timedOut) return 'no answer in time (ssh was stopped)';
  const last = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .pop();
  return last ?? (signal ? `ssh ended by ${signal}` : `ssh exited with status ${status}`);
}

function finish(
  host: string,
  request: LcRequest,
  started: number,
  run: {
    stdout: string;
    stderr: string;
    status: number | null;
    signal: string | null;
    timedOut: boolean;
    startError?: string;
  },
): LcFacts {
  if (run.startError)
    return { host, reachable: false, checkedAt: started, error: `ssh could not be started: ${run.startError}` };
  // ssh exits 255 for its own failures (no route, refused key); a reply with our `end` line is trusted
  // whatever the status (a remote shell may exit non-zero after it).
  const parsed = parseLcReply(host, request, run.stdout, started);
  if (!('error' in parsed)) return parsed;
  const why =
    run.status === 255 || run.timedOut || run.stdout === ''
      ? sshError(run.stderr, run.status, run.signal, run.timedOut)
      : parsed.error;
  return { host, reachable: false, checkedAt: started, error: why };
}

export class LcGatherer {
  constructor(private readonly options: GatherOptions = {}) {}

  /** The facts of every host, in the order given; the LCs are asked in parallel. */
  gather(hosts: readonly string[], request: LcRequest): Promise<LcFacts[]> {
    const script = lcScript(request);
    return Promise.all(hosts.map((host) => this.gatherOne(host, request, script)));
  }

  /** The same, one LC after the other, for callers that cannot wait on a promise (the CLI's synchronous run). */
  gatherSync(hosts: readonly string[], request: LcRequest): LcFacts[] {
    const script = lcScript(request);
    return hosts.map((host): LcFacts => {
      const started = Date.now();
      const refused = refusedHost(host);
      if (refused) return { host, reachable: false, checkedAt: started, error: `refused: ${refused}` };
      const run = spawnSync(this.options.ssh ?? 'ssh', sshArgs(host, this.options), {
        input: script,
        encoding: 'utf8',
        timeout: this.options.timeoutMs ?? DEFAULT_GATHER_TIMEOUT_MS,
        maxBuffer: MAX_REPLY_BYTES,
        killSignal: 'SIGKILL',
      });
      const timedOut = (run.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
      return finish(host, request, started, {
        stdout: run.stdout ?? '',
        stderr: run.stderr ?? '',
        status: run.status,
        signal: run.signal,
        timedOut,
        ...(run.error && !timedOut ? { startError: run.error.message } : {}),
      });
    });
  }

  private gatherOne(host: string, request: LcRequest, script: string): Promise<LcFacts> {
    const started = Date.now();
    const refused = refusedHost(host);
    if (refused) return Promise.resolve({ host, reachable: false, checkedAt: started, error: `refused: ${refused}` });
    return new Promise((resolve) => {
      const child = spawn(this.options.ssh ?? 'ssh', sshArgs(host, this.options), { stdio: ['pipe', 'pipe', 'pipe'] });
      const stdout: Buffer[] = [];
      const stderr: Buffer[] = [];
      let size = 0;
      let timedOut = false;
      let startError: string | undefined;
      const kill = (): void => {
        child.kill('SIGKILL');
      };
      const timer = setTimeout(() => {
        timedOut = true;
        kill();
      }, this.options.timeoutMs ?? DEFAULT_GATHER_TIMEOUT_MS);
      const signal = this.options.signal;
      signal?.addEventListener('abort', kill, { once: true });
      child.stdout.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_REPLY_BYTES) kill();
        else stdout.push(chunk);
      });
      child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
      child.on('error', (error) => {
        startError = error.message;
      });
      // The script may be refused before it is read (unreachable host): that is not our error.
      child.stdin.on('error', () => undefined);
      child.stdin.end(script);
      child.on('close', (status, sig) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', kill);
        const aborted = signal?.aborted ?? false;
        resolve(
          aborted
            ? { host, reachable: false, checkedAt: started, error: 'cancelled' }
            : finish(host, request, started, {
                stdout: Buffer.concat(stdout).toString('utf8'),
                stderr: Buffer.concat(stderr).toString('utf8'),
                status,
                signal: sig,
                timedOut,
                ...(startError ? { startError } : {}),
              }),
        );
      });
    });
  }

  /** Stops the shared connections of these hosts (`ssh -O exit`), so no ssh outlives a test or a CLI run that asks. */
  closeSync(hosts: readonly string[]): void {
    if (!this.options.controlDir) return;
    for (const host of hosts) {
      if (refusedHost(host)) continue;
      spawnSync(this.options.ssh ?? 'ssh', sshExitArgs(host, this.options), { stdio: 'ignore', timeout: 10_000 });
    }
  }
}
