#!/usr/bin/env node
// `npm run bench`: measures, prints, and compares with the targets in the same run. It reports; it does not judge:
// the exit code is 0 even when a target is missed, and 1 only when a section crashed.
//   node scripts/bench.mjs [lint] [scaling] [extension] [iso] [lc]     (no names: all sections, in that order)
// Sections (each prints a header and lines with its measured values and their ratio to the target):
//   lint       scripts/bench/lint.mjs       benchLint(): CLI throughput, re-lint latency, CLI vs xmllint
//   scaling    scripts/bench/scaling.mjs    lint time per MB at 1/5/20 MB, per 1k attributes at 1k/10k/50k (flat: under 2x)
//   extension  scripts/bench/extension.mjs  production bundle size (400 KB), activate() in VS Code (50 ms)
//   iso        scripts/bench/iso.mjs        buildContextIso over bare genisoimage on ~200 MB (10% overhead)
//   lc         scripts/bench/lc.mjs         one LC refresh as paths grow: one round trip, linear cost
// First brings out/ (tsc -p .) and dist/ (scripts/build.mjs) up to date when a source is newer than its output.
// Ends with a summary table: ratio = measured / target, so below 1 meets the target.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SECTIONS = ['lint', 'scaling', 'extension', 'iso', 'lc'];
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
for (const w of wanted)
  if (!SECTIONS.includes(w)) {
    console.error(`unknown section '${w}' (known: ${SECTIONS.join(', ')})`);
    process.exit(2);
  }
const run = wanted.length ? SECTIONS.filter((s) => wanted.includes(s)) : SECTIONS;

const header = (title) => console.log(`\n${'='.repeat(78)}\n== ${title}\n${'='.repeat(78)}`);
const mtime = (p) => {
  try {
    return fs.statSync(p).mtimeMs;
  } catch {
    return 0;
  }
};
function walk(dir, test) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p, test) : test(p) ? [p] : [];
  });
}

// ---- stale outputs -------------------------------------------------------------------------------------------
function ensureFresh() {
  const sources = walk(path.join(root, 'src'), (p) => p.endsWith('.ts') && !p.endsWith('.d.ts'));
  const outOf = (p) => path.join(root, 'out', path.relative(root, p)).replace(/\.ts$/, '.js');
  const tsconfig = mtime(path.join(root, 'tsconfig.json'));
  const staleOut = sources.filter((s) => {
    const o = mtime(outOf(s));
    return o === 0 || o < mtime(s) || o < tsconfig;
  });
  if (staleOut.length) {
    console.log(
      `bench: out/ is stale (${staleOut.length} file(s), e.g. ${path.relative(root, staleOut[0])}): tsc -p .`,
    );
    const r = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', '.'], {
      cwd: root,
      stdio: 'inherit',
    });
    if (r.status !== 0) console.log('bench: tsc reported errors (it still wrote out/; going on)');
  }
  const newestInput = Math.max(
    ...sources.map(mtime),
    mtime(path.join(root, 'package.json')),
    mtime(path.join(root, 'scripts/build.mjs')),
  );
  const bundles = ['dist/extension.cjs', 'dist/cli.js'].map((f) => path.join(root, f));
  if (bundles.some((b) => mtime(b) < newestInput)) {
    console.log('bench: dist/ is stale: node scripts/build.mjs');
    const r = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('the build failed');
  }
}

// ---- lint: benchLint() prints its results; its lines are read back for the summary -----------------------------
async function lintSection() {
  const { benchLint } = await import(pathToFileURL(path.join(root, 'scripts/bench/lint.mjs')).href);
  const lines = [];
  const log = console.log;
  console.log = (...args) => {
    lines.push(args.join(' '));
    log(...args);
  };
  try {
    await benchLint();
  } finally {
    console.log = log;
  }
  const rows = [];
  for (const line of lines) {
    let m;
    if ((m = /CLI linted (\d+) templates in (\d+) ms.*?target: under (\d+ ms); ([\d.]+)x/.exec(line))) {
      rows.push({
        section: 'lint',
        metric: `CLI on ${m[1]} templates`,
        value: `${m[2]} ms`,
        target: m[3],
        ratio: Number(m[4]),
      });
    } else if ((m = /re-lint .*?p95 ([\d.]+ ms) \(target p95 under (\d+ ms); ([\d.]+)x/.exec(line))) {
      rows.push({
        section: 'lint',
        metric: 're-lint one template, p95',
        value: m[1],
        target: m[2],
        ratio: Number(m[3]),
      });
    } else if ((m = /took (\d+) ms.*?; CLI\/xmllint wall-time ratio ([\d.]+)/.exec(line))) {
      rows.push({
        section: 'lint',
        metric: 'CLI / xmllint --relaxng wall time',
        value: `${m[2]} (xmllint ${m[1]} ms)`,
        target: '1',
        ratio: Number(m[2]),
      });
    } else if (/x of the budget|ratio/.test(line)) {
      rows.push({
        section: 'lint',
        metric: line.replace(/^lint: /, '').slice(0, 40),
        value: '(see above)',
        target: '',
        ratio: Number(/([\d.]+)x of the budget/.exec(line)?.[1]) || undefined,
      });
    }
  }
  return rows;
}

// ---- main ---------------------------------------------------------------------------------------------------
const t0 = Date.now();
const rows = [];
const crashed = [];
try {
  ensureFresh();
} catch (e) {
  console.error(`bench: could not prepare out/ and dist/: ${e.message}`);
  process.exit(1);
}
const sections = {
  lint: { title: 'lint: linter throughput and latency (scripts/bench/lint.mjs)', fn: lintSection },
  scaling: {
    title: 'scaling: lint time per MB and per attribute stays flat (scripts/bench/scaling.mjs)',
    fn: async () => (await import(pathToFileURL(path.join(root, 'scripts/bench/scaling.mjs')).href)).benchScaling(),
  },
  extension: {
    title: 'extension: bundle size and activation (scripts/bench/extension.mjs)',
    fn: async () => (await import(pathToFileURL(path.join(root, 'scripts/bench/extension.mjs')).href)).benchExtension(),
  },
  iso: {
    title: 'iso: buildContextIso vs bare genisoimage (scripts/bench/iso.mjs)',
    fn: async () => (await import(pathToFileURL(path.join(root, 'scripts/bench/iso.mjs')).href)).benchIso(),
  },
  lc: {
    title: 'lc: checks on a local controller as paths grow (scripts/bench/lc.mjs)',
    fn: async () => (await import(pathToFileURL(path.join(root, 'scripts/bench/lc.mjs')).href)).benchLc(),
  },
};
for (const name of run) {
  header(sections[name].title);
  const s = Date.now();
  try {
    rows.push(...(await sections[name].fn()));
    console.log(`(${name}: ${((Date.now() - s) / 1000).toFixed(1)} s)`);
  } catch (e) {
    crashed.push(name);
    console.log(`${name}: CRASHED: ${e instanceof Error ? e.stack : e}`);
    rows.push({ section: name, metric: 'CRASHED', value: '', target: '', ratio: undefined });
  }
}

header(`summary (ratio = measured / target; below 1 meets the target) ${((Date.now() - t0) / 1000).toFixed(0)} s`);
const table = [
  ['section', 'metric', 'measured', 'target', 'ratio', ''],
  ...rows.map((r) => [
    r.section,
    r.metric,
    r.value,
    r.target,
    r.ratio === undefined || Number.isNaN(r.ratio) ? '-' : r.ratio.toFixed(2),
    r.ratio === undefined || Number.isNaN(r.ratio) ? '' : r.ratio <= 1 ? 'met' : 'missed',
  ]),
];
const widths = table[0].map((_, i) => Math.max(...table.map((row) => String(row[i]).length)));
for (const [i, row] of table.entries()) {
  console.log(
    row
      .map((c, j) => (j === 4 ? String(c).padStart(widths[j]) : String(c).padEnd(widths[j])))
      .join('  ')
      .trimEnd(),
  );
  if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
}
if (crashed.length) {
  console.log(`\nbench: section(s) crashed: ${crashed.join(', ')}`);
  process.exit(1);
}
