#!/usr/bin/env node
// Runs the in-host suites (out/vscode/index.cjs, built by scripts/build.mjs from test/vscode/) inside a real
// VS Code extension host (SNOOZE_VSCODE_HOST=1.100, the default, or latest: scripts/vscode-host.mjs), with this repository as the extension under development, on a temp copy of a
// fixture workspace. Writes { mode, tests, passes, failures, pending, duration, failed[] } to --result and
// exits with the number of failures (1 if the run broke before mocha reported, 124 on a hang).
//
//   node scripts/run-vscode-tests.mjs [--mode=trusted|untrusted] [--workspace=test/fixtures/workspace]
//        [--tests=out/vscode/index.cjs] [--result=test-output/vscode-<mode>.json] [--timeout=360000] [--grep=re]
//
// Environment the in-host tests can read (process.env in the extension host):
//   SNOOZE_TEST_MODE       'trusted' | 'untrusted' (untrusted: workspace trust enabled, folder in restricted mode)
//   SNOOZE_TEST_WORKSPACE  the temp copy of the fixture workspace (the open folder; edit or delete freely)
//   SNOOZE_TEST_FIXTURES   the original test/fixtures folder (read only)
//   SNOOZE_TEST_LOGS_DIR   the server's logs folder (extension log channels are written under it)
//   SNOOZE_TEST_RESULT_FILE where test/vscode/index.ts writes mocha's stats
//   SNOOZE_TEST_GREP       mocha grep
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { format } from 'node:util';
import { HOST_NAME, hostInstalled, hostVersion, ROOT, startVsHost } from './vscode-host.mjs';

const opt = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const m = a.match(/^--([^=]+)(?:=(.*))?$/);
    return m ? [m[1], m[2] ?? 'true'] : ['_', a];
  }),
);
const mode = opt.mode || 'trusted';
if (!['trusted', 'untrusted'].includes(mode)) {
  console.error(`unknown --mode=${mode}`);
  process.exit(1);
}
const fixture = path.resolve(ROOT, opt.workspace || 'test/fixtures/workspace');
const testsPath = path.resolve(ROOT, opt.tests || 'out/vscode/index.cjs');
const resultPath = path.resolve(ROOT, opt.result || `test-output/vscode-${mode}.json`);
const timeoutMs = Number(opt.timeout || process.env.SNOOZE_TEST_TIMEOUT_MS || 360000);
const t0 = Date.now();
const log = (...m) => console.log(`[vscode-tests ${mode} +${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...m);

function writeResult(r) {
  fs.mkdirSync(path.dirname(resultPath), { recursive: true });
  fs.writeFileSync(
    resultPath,
    JSON.stringify({ mode, vscode: hostVersion(), ...r, seconds: (Date.now() - t0) / 1000 }, null, 2),
  );
  return r;
}

if (!hostInstalled()) {
  console.error(`VS Code host ${HOST_NAME} not installed: run scripts/setup-vscode-host.sh ${HOST_NAME}`);
  process.exit(1);
}
if (!fs.existsSync(testsPath)) {
  console.error(`${path.relative(ROOT, testsPath)} missing: run node scripts/build.mjs`);
  process.exit(1);
}
fs.rmSync(resultPath, { force: true });
fs.mkdirSync(path.dirname(resultPath), { recursive: true });
// Everything the workbench forwards goes to test-output/vscode-<mode>.log; the console shows mocha's report
// and whatever else the extension host prints, less the workbench's routine chatter (SNOOZE_VSCODE_VERBOSE=1: all).
const logStream = fs.createWriteStream(resultPath.replace(/\.json$/, '.log'));
const verbose = !!process.env.SNOOZE_VSCODE_VERBOSE;
const NOISE = [
  /^(Resolving|Resolved) connection token/,
  /^Creating a socket/,
  /^\[Service Worker\]/,
  /ENOTFOUND open-vsx\.org/,
  /^Updating additional builtin extensions cache/,
  /^ChatSessionStore:/,
];

const runTmp = fs.mkdtempSync(path.join(os.tmpdir(), 'snooze-test-'));
const workspace = path.join(runTmp, path.basename(fixture));
fs.cpSync(fixture, workspace, { recursive: true });
const innerResult = path.join(runTmp, 'mocha-result.json');

let host;
let exitCode = 1;
try {
  host = await startVsHost({
    tmpParent: runTmp,
    trust: mode === 'untrusted' ? 'untrusted' : false,
    env: (dirs) => ({
      SNOOZE_TEST_MODE: mode,
      SNOOZE_TEST_WORKSPACE: workspace,
      SNOOZE_TEST_FIXTURES: path.join(ROOT, 'test/fixtures'),
      SNOOZE_TEST_LOGS_DIR: dirs.logs,
      SNOOZE_TEST_RESULT_FILE: innerResult,
      ...(opt.grep ? { SNOOZE_TEST_GREP: opt.grep } : {}),
    }),
  });
  log(`VS Code ${hostVersion()} server + Chromium up at`, host.authority);
  const { page } = host;
  const exited = new Promise((resolve) => {
    // The workbench (smoke-test driver) forwards the extension host's console here and reports the end.
    page.exposeFunction('codeAutomationLog', (type, args) => {
      const msg = format(...[].concat(args));
      logStream.write(`${type}: ${msg}\n`);
      if (verbose || !NOISE.some((re) => re.test(msg))) (console[type] || console.log)(msg);
    });
    page.exposeFunction('codeAutomationExit', (code) => resolve(code));
  });
  await page.goto(
    host.workbenchUrl({ folder: workspace, extensionDevelopmentPath: ROOT, extensionTestsPath: testsPath }),
  );
  let timer;
  const code = await Promise.race([
    exited,
    new Promise((r) => {
      timer = setTimeout(() => r('timeout'), timeoutMs);
    }),
  ]);
  clearTimeout(timer);
  if (code === 'timeout') {
    const shot = resultPath.replace(/\.json$/, '-timeout.png');
    await page.screenshot({ path: shot }).catch(() => {});
    log(`TIMEOUT after ${timeoutMs} ms; screenshot ${path.relative(ROOT, shot)}`);
    writeResult({
      tests: 0,
      passes: 0,
      failures: 1,
      pending: 0,
      failed: [{ title: 'run', error: `timeout after ${timeoutMs} ms` }],
    });
    exitCode = 124;
  } else {
    let stats;
    try {
      stats = JSON.parse(fs.readFileSync(innerResult, 'utf8'));
    } catch {
      /* the runner never got to write */
    }
    if (!stats) {
      writeResult({
        tests: 0,
        passes: 0,
        failures: 1,
        pending: 0,
        failed: [{ title: 'run', error: `extension host test run ended with ${code} and no mocha stats` }],
      });
      exitCode = 1;
    } else if (stats.tests === 0) {
      writeResult({ ...stats, failures: 1, failed: [{ title: 'run', error: 'no test ran' }] });
      exitCode = 1;
    } else {
      writeResult(stats);
      exitCode = stats.failures > 0 ? Math.min(stats.failures, 100) : code === 0 ? 0 : 1;
    }
    log(
      `${stats?.passes ?? 0} passed, ${stats?.failures ?? 0} failed${stats?.pending ? `, ${stats.pending} skipped` : ''} (workbench exit code ${code})`,
    );
  }
} catch (e) {
  console.error(`[vscode-tests ${mode}] error:`, e);
  writeResult({
    tests: 0,
    passes: 0,
    failures: 1,
    pending: 0,
    failed: [{ title: 'harness', error: String(e?.message ?? e) }],
  });
} finally {
  await host?.cleanup();
  logStream.end();
  if (process.env.SNOOZE_KEEP_TMP) log('kept', runTmp);
  else fs.rmSync(runTmp, { recursive: true, force: true, maxRetries: 3 });
  log('exit', exitCode);
  process.exit(exitCode);
}
