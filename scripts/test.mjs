#!/usr/bin/env node
// THE test command (`npm test`). Runs, in order, each under a header:
//   1. typecheck   tsc -p .  (compiles src/ and test/ to out/; errors count as one failure, the run goes on)
//   2. build       node scripts/build.mjs  (dist/extension.cjs, dist/cli.js, out/vscode/*.cjs)
//   3. unit        mocha (Mocha API, in this process) over the spec globs of .mocharc.json:
//                  out/test/unit/**/*.test.js and out/test/integration/**/*.test.js  (from test/unit, test/integration)
//   3b. guest      mocha over out/test/guest/**/*.test.js: a real Debian VM booted with libvirt + QEMU from what
//                  the product generates (root only; skipped, saying why, where it cannot boot; ~7.5 min cold, 6 warm)
//   4. vscode      the in-host suites test/vscode/**/*.test.ts in a real VS Code extension host, on each VS Code
//                  version (1.100: the oldest engines.vscode allows; latest: the newest server on npm), twice:
//                  trusted, and untrusted (workspace trust on, restricted mode): scripts/run-vscode-tests.mjs
//   5. e2e         every UI test file on each VS Code version, each as its own Node process:
//                    test/e2e/*.e2e.ts   -> compiled by tsc, run as out/test/e2e/*.e2e.js
//                    test/e2e/*.e2e.mjs  -> run in place
//                  A UI test file prints its results and writes { tests, passes, failures, pending } to
//                  $SNOOZE_E2E_RESULT_FILE; test/e2e/harness.ts does both (see there). A file that writes no
//                  result counts as one failure.
// Ends with one line `N passed, N failed[, N skipped]` over all suites; exits 1 if anything failed or no test ran.
// Each suite's line in the summary gives its duration (CI has a time budget).
// Flags: --unit (steps 1-3 only), --no-guest (skip step 3b), --no-e2e (skip step 5), --no-vscode (skip step 4),
//        --guest (steps 1, 2 and 3b only), --grep=RE (all suites),
//        --vscode=1.100,latest (the VS Code versions of steps 4 and 5; default both).
// The VS Code hosts are installed on first use (scripts/setup-vscode-host.sh, ~2 min + ~3 min).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (f) => args.includes(f);
const grep = args.find((a) => a.startsWith('--grep='))?.slice('--grep='.length);
const guestOnly = flag('--guest');
const unitOnly = flag('--unit') || guestOnly;
const runUnit = !guestOnly;
const runGuest = (guestOnly || !unitOnly) && !flag('--no-guest');
const runVscode = !unitOnly && !flag('--no-vscode');
const runE2e = !unitOnly && !flag('--no-e2e');
const VERSIONS = ['1.100', 'latest'];
const versions =
  args
    .find((a) => a.startsWith('--vscode='))
    ?.slice('--vscode='.length)
    .split(',') ?? VERSIONS;
for (const v of versions)
  if (!VERSIONS.includes(v)) {
    console.error(`--vscode=${v}: expected ${VERSIONS.join(', ')}`);
    process.exit(2);
  }
const outDir = path.join(root, 'test-output');
const total = { passes: 0, failures: 0, pending: 0 };
const summary = [];
const t0 = Date.now();

function header(title) {
  console.log(`\n${'='.repeat(78)}\n== ${title}\n${'='.repeat(78)}`);
}
function add(suite, r, seconds) {
  total.passes += r.passes ?? 0;
  total.failures += r.failures ?? 0;
  total.pending += r.pending ?? 0;
  summary.push({ suite, ...r, seconds });
}
function node(script, scriptArgs = [], env = {}) {
  return spawnSync(process.execPath, [script, ...scriptArgs], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
}
function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}
const since = (s) => (Date.now() - s) / 1000;

fs.mkdirSync(outDir, { recursive: true });

// 1. typecheck + compile, into an empty out/: a test file deleted or moved in src must not run from a stale copy.
fs.rmSync(path.join(root, 'out'), { recursive: true, force: true });
header('typecheck: tsc -p .');
let s = Date.now();
const tsc = node(path.join(root, 'node_modules/typescript/bin/tsc'), ['-p', '.']);
if (tsc.status === 0) console.log('tsc: ok');
else {
  console.log('tsc: errors (counted as 1 failure; the compiled output is still tested)');
  add('typecheck', { passes: 0, failures: 1 }, since(s));
}

// 2. build
header('build: scripts/build.mjs');
s = Date.now();
const build = node(path.join(root, 'scripts/build.mjs'));
const built = build.status === 0;
if (!built) add('build', { passes: 0, failures: 1 }, since(s));

// 3. unit + integration (mocha, in process)
if (runUnit) {
  header('unit + integration: mocha');
  s = Date.now();
  add('unit+integration', await runMocha(), since(s));
}

// 3b. the guest suite: real VMs
if (runGuest) {
  header('guest: test/guest, a real VM (libvirt + QEMU)');
  s = Date.now();
  add('guest', await runMocha(['out/test/guest/**/*.test.js'], 900000), since(s));
}

// 4. in-host suites
if (runVscode) {
  if (!built) console.log('\n(skipping the VS Code suites: the build failed)');
  else {
    for (const version of versions) {
      ensureHost(version);
      for (const mode of ['trusted', 'untrusted']) {
        header(`vscode ${version} (${mode}): test/vscode in a VS Code ${version} extension host`);
        s = Date.now();
        const result = path.join(outDir, `vscode-${version}-${mode}.json`);
        node(
          path.join(root, 'scripts/run-vscode-tests.mjs'),
          [`--mode=${mode}`, `--result=${result}`, ...(grep ? [`--grep=${grep}`] : [])],
          { SNOOZE_VSCODE_HOST: version },
        );
        add(`vscode ${version} ${mode}`, readJson(result) ?? { passes: 0, failures: 1 }, since(s));
      }
    }
  }
}

// 5. UI tests
if (runE2e) {
  const files = e2eFiles();
  if (!built) console.log('\n(skipping the UI tests: the build failed)');
  else if (files.length === 0) console.log('\n(no UI tests: test/e2e/*.e2e.ts|mjs)');
  else {
    for (const version of versions) {
      ensureHost(version);
      for (const file of files) {
        const name = path.basename(file).replace(/\.(m?js)$/, '');
        header(`e2e ${version}: ${path.relative(root, file)}`);
        s = Date.now();
        const result = path.join(outDir, 'e2e', version, `${name}.json`);
        fs.rmSync(result, { force: true });
        node(file, [], {
          SNOOZE_VSCODE_HOST: version,
          SNOOZE_E2E_RESULT_FILE: result,
          ...(grep ? { SNOOZE_E2E_GREP: grep } : {}),
        });
        add(`e2e ${version} ${name}`, readJson(result) ?? { passes: 0, failures: 1 }, since(s));
      }
    }
  }
}

header('summary');
for (const r of summary) {
  console.log(
    `${r.suite.padEnd(34)} ${String(r.passes ?? 0).padStart(4)} passed ${String(r.failures ?? 0).padStart(3)} failed` +
      `${r.pending ? ` ${r.pending} skipped` : ''}  ${r.seconds.toFixed(1)}s`,
  );
}
fs.writeFileSync(
  path.join(outDir, 'summary.json'),
  JSON.stringify({ ...total, suites: summary, seconds: since(t0) }, null, 2),
);
const ran = total.passes + total.failures;
if (ran === 0) console.log('no test ran');
console.log(`(${since(t0).toFixed(1)}s)`);
console.log(`${total.passes} passed, ${total.failures} failed${total.pending ? `, ${total.pending} skipped` : ''}`);
process.exit(total.failures > 0 || ran === 0 ? 1 : 0);

// ---------------------------------------------------------------------------------------------------------

async function runMocha(specGlobs, timeout) {
  const { default: Mocha } = await import('mocha');
  const rc = readJson(path.join(root, '.mocharc.json')) ?? {};
  const specs = specGlobs ?? [].concat(rc.spec ?? ['out/test/unit/**/*.test.js', 'out/test/integration/**/*.test.js']);
  const files = [...new Set(specs.flatMap(expandGlob))].sort();
  if (files.length === 0) {
    console.log('(no unit or integration specs)');
    return { passes: 0, failures: 0, pending: 0 };
  }
  if (rc['enable-source-maps'] !== false) process.setSourceMapsEnabled(true);
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    timeout: timeout ?? rc.timeout ?? 30000,
    color: process.stdout.isTTY,
  });
  if (grep) mocha.grep(grep);
  for (const f of files) mocha.addFile(f);
  try {
    await mocha.loadFilesAsync();
  } catch (e) {
    console.error('mocha: could not load the specs:', e);
    return { passes: 0, failures: 1, pending: 0 };
  }
  const stats = await new Promise((resolve) => {
    const runner = mocha.run(() => resolve(runner.stats));
  });
  mocha.dispose();
  return { tests: stats.tests, passes: stats.passes, failures: stats.failures, pending: stats.pending };
}

/** Expands 'dir/**\/*.suffix' and 'dir/*.suffix' style globs (what .mocharc.json uses) relative to the root. */
function expandGlob(glob) {
  const m = glob.match(/^(.*?)\/(\*\*\/)?\*([^*/]+)$/);
  if (!m) return fs.existsSync(path.join(root, glob)) ? [path.join(root, glob)] : [];
  const [, dir, deep, suffix] = m;
  const walk = (d) =>
    !fs.existsSync(d)
      ? []
      : fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => {
          const p = path.join(d, e.name);
          if (e.isDirectory()) return deep ? walk(p) : [];
          return e.name.endsWith(suffix) ? [p] : [];
        });
  return walk(path.join(root, dir));
}

function e2eFiles() {
  const list = (dir, re) =>
    !fs.existsSync(dir)
      ? []
      : fs
          .readdirSync(dir)
          .filter((f) => re.test(f))
          .map((f) => path.join(dir, f));
  const src = path.join(root, 'test/e2e');
  // compiled TypeScript: only those whose source still exists (out/ may hold stale files)
  const compiled = list(path.join(root, 'out/test/e2e'), /\.e2e\.js$/).filter((f) =>
    fs.existsSync(path.join(src, path.basename(f).replace(/\.js$/, '.ts'))),
  );
  return [...compiled, ...list(src, /\.e2e\.m?js$/)].sort((a, b) => path.basename(a).localeCompare(path.basename(b)));
}

/** Installs the VS Code host of `version` unless it is installed from the committed lock file. */
function ensureHost(version) {
  const [dir, src] =
    version === 'latest' ? ['.vscode-host-latest', 'test/vscode-host-latest'] : ['.vscode-host', 'test/vscode-host'];
  const serverMain = path.join(root, dir, 'node_modules/code-server/lib/vscode/out/server-main.js');
  const stamp = path.join(root, dir, '.installed-lock.json');
  const lock = path.join(root, src, 'package-lock.json');
  const current =
    fs.existsSync(serverMain) &&
    fs.existsSync(stamp) &&
    fs.existsSync('/usr/bin/chromium') &&
    fs.readFileSync(stamp, 'utf8') === fs.readFileSync(lock, 'utf8');
  if (current) return;
  header(`setup: scripts/setup-vscode-host.sh ${version} (VS Code server, first run ~2-3 min)`);
  const r = spawnSync('bash', [path.join(root, 'scripts/setup-vscode-host.sh'), version], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) console.log(`setup-vscode-host ${version} failed; its VS Code suites will fail`);
}
