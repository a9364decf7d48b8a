// LC checks benchmark: what one refresh costs as the templates name more paths. One fake LC (a network and mount
// namespace reached through sshd -i, test/helpers/fakeLcs.ts, compiled to out/) is asked about N paths, half of
// them present, over a shared connection (as the editor does), for N = 10, 100, 1000, 3000: always ONE ssh round
// trip. Prints the time per refresh and per path, the growth (time per path at the largest N over the time per
// path at 100: near 1 or below is linear, no worse), and what one round trip per path would cost instead.
// Needs root (network namespaces), sshd and ssh; says why and returns no rows otherwise.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SIZES = [10, 100, 1000, 3000];
const RUNS = 3;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

export async function benchLc() {
  const load = (p) => import(pathToFileURL(path.join(root, p)).href);
  const { FakeLcs, fakeLcsUnavailable } = await load('out/test/helpers/fakeLcs.js');
  const { LcGatherer } = await load('out/src/core/lc/lcGatherer.js');
  const why = fakeLcsUnavailable();
  if (why) {
    console.log(`lc: skipped: ${why}`);
    return [];
  }
  const files = {};
  for (let i = 0; i < Math.max(...SIZES); i += 2) files[`cloud/vm${i}.qcow2`] = 'x';
  const lcs = new FakeLcs([{ name: 'lc1', bridges: ['br-lab'], files }]);
  const control = fs.mkdtempSync(path.join('/tmp', 'snooze-bench-ctl-'));
  const gatherer = new LcGatherer({ configFile: lcs.sshConfig, controlDir: control });
  const request = (n) => ({
    paths: Array.from({ length: n }, (_, i) => lcs.lcPath(`cloud/vm${i}.qcow2`)),
    emulators: [],
  });
  const time = async (n) => {
    const t = performance.now();
    const [facts] = await gatherer.gather(['lc1'], request(n));
    if (!facts.reachable) throw new Error(`lc1 did not answer: ${facts.error}`);
    if (Object.keys(facts.paths).length !== n)
      throw new Error(`asked about ${n} paths, got ${Object.keys(facts.paths).length}`);
    return performance.now() - t;
  };
  const rows = [];
  try {
    const connect = await time(1); // the first one opens the shared connection
    const singles = [];
    for (let i = 0; i < RUNS; i++) singles.push(await time(1));
    const single = median(singles);
    console.log(
      `lc: first refresh (connection opened) ${connect.toFixed(0)} ms; one round trip on the shared connection ${single.toFixed(0)} ms`,
    );
    const perPath = {};
    for (const n of SIZES) {
      const xs = [];
      for (let i = 0; i < RUNS; i++) xs.push(await time(n));
      const ms = median(xs);
      perPath[n] = ms / n;
      console.log(
        `lc: ${String(n).padStart(5)} paths: ${ms.toFixed(0).padStart(6)} ms per refresh (1 round trip), ${(ms / n).toFixed(2)} ms per path; one round trip per path would take ~${((single * n) / 1000).toFixed(1)} s (${((single * n) / ms).toFixed(1)}x longer)`,
      );
    }
    const largest = SIZES[SIZES.length - 1];
    const growth = perPath[largest] / perPath[100];
    console.log(
      `lc: growth: time per path at ${largest} paths / at 100 paths = ${growth.toFixed(2)} (1 = linear; target: under 1.5)`,
    );
    rows.push({
      section: 'lc',
      metric: `refresh of ${largest} paths, 1 round trip`,
      value: `${(perPath[largest] * largest).toFixed(0)} ms`,
      target: '',
      ratio: undefined,
    });
    rows.push({
      section: 'lc',
      metric: `per-path cost growth 100 → ${largest}`,
      value: growth.toFixed(2),
      target: '1.5',
      ratio: growth / 1.5,
    });
  } finally {
    gatherer.closeSync(['lc1']);
    fs.rmSync(control, { recursive: true, force: true });
    lcs.dispose();
  }
  return rows;
}
