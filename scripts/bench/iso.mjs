// ISO benchmark: what buildContextIso (out/src/core/tools, the code the extension and tasks run) costs over a bare
// `genisoimage -R -J -o out.iso folder` on the same context folder: ~200 MB of random data plus the usual small
// context files, generated in os.tmpdir(). One untimed bare run warms the page cache; then bare and ours alternate,
// 5 each; medians are compared (target: overhead under 10%). Ours includes its tool discovery, the tree summary,
// the temp-file-then-rename write and stderr parsing. Everything is removed afterwards.
// Returns summary rows { section, metric, value, target, ratio }.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RUNS = 5;
const TARGET_PERCENT = 10;
const MB = 1024 * 1024;
const DATA_MB = Number(process.env.BENCH_ISO_MB || 200);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function writeRandom(file, bytes) {
  const fd = fs.openSync(file, 'w');
  try {
    for (let left = bytes; left > 0; left -= 4 * MB) fs.writeSync(fd, crypto.randomBytes(Math.min(4 * MB, left)));
  } finally {
    fs.closeSync(fd);
  }
}

function makeContext(dir) {
  fs.mkdirSync(path.join(dir, 'common'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'payload'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'post-install'), '#!/bin/sh\nset -e\n. /mnt/context/common/network\n', {
    mode: 0o755,
  });
  fs.writeFileSync(
    path.join(dir, 'common/network'),
    'NETWORK="10.0.0.0"\nNETMASK="255.255.255.0"\nGATEWAY="10.0.0.1"\nBROADCAST="10.0.0.255"\nNAMESERVER="10.0.0.1"\nDOMAIN="example.org"\nSEARCH="example.org"\n',
  );
  fs.writeFileSync(path.join(dir, 'common/routes'), '10.1.0.0/16 via 10.0.0.254\n');
  fs.writeFileSync(path.join(dir, 'common/hosts'), '127.0.0.1 localhost\n10.0.0.21 web1\n');
  // four 50 MB blobs (e.g. packages the post-install step installs)
  const files = 4;
  for (let i = 0; i < files; i++)
    writeRandom(path.join(dir, 'payload', `blob${i}.bin`), Math.round((DATA_MB * MB) / files));
}

export async function benchIso() {
  const { buildContextIso, findIsoTool } = await import(
    pathToFileURL(path.join(root, 'out/src/core/tools/index.js')).href
  );
  const genisoimage = spawnSync('genisoimage', ['-version'], { encoding: 'utf8' });
  if (genisoimage.status !== 0) {
    console.log('iso: not measured: genisoimage is missing (apt-get install genisoimage)');
    return [
      {
        section: 'iso',
        metric: 'buildContextIso overhead',
        value: 'not measured',
        target: `${TARGET_PERCENT}%`,
        ratio: undefined,
      },
    ];
  }
  const tool = await findIsoTool();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'snooze-bench-iso-'));
  try {
    const context = path.join(tmp, 'context');
    const g0 = performance.now();
    makeContext(context);
    console.log(
      `iso: generated ${path.join(path.basename(tmp), 'context')}: ${DATA_MB} MB of random data in 4 files + 4 small context files (${((performance.now() - g0) / 1000).toFixed(1)} s); ours uses ${tool.kind} (${tool.path})`,
    );

    const bareIso = path.join(tmp, 'bare.iso');
    const oursIso = path.join(tmp, 'ours.iso');
    const bare = () => {
      fs.rmSync(bareIso, { force: true });
      const t0 = performance.now();
      const r = spawnSync('genisoimage', ['-R', '-J', '-o', bareIso, context], {
        stdio: ['ignore', 'ignore', 'pipe'],
        maxBuffer: 1 << 26,
      });
      const ms = performance.now() - t0;
      if (r.status !== 0) throw new Error(`genisoimage failed: ${r.stderr}`);
      return ms;
    };
    const ours = async () => {
      fs.rmSync(oursIso, { force: true });
      const t0 = performance.now();
      await buildContextIso(context, oursIso);
      return performance.now() - t0;
    };

    bare(); // warm the page cache
    const bareMs = [];
    const oursMs = [];
    for (let i = 0; i < RUNS; i++) {
      bareMs.push(bare());
      oursMs.push(await ours());
    }
    const b = median(bareMs);
    const o = median(oursMs);
    const sizes = `bare ${(fs.statSync(bareIso).size / MB).toFixed(1)} MB, ours ${(fs.statSync(oursIso).size / MB).toFixed(1)} MB`;
    const overhead = ((o - b) / b) * 100;
    console.log(
      `iso: bare genisoimage -R -J: median ${b.toFixed(0)} ms [${bareMs.map((x) => x.toFixed(0)).join(', ')}]`,
    );
    console.log(
      `iso: buildContextIso:        median ${o.toFixed(0)} ms [${oursMs.map((x) => x.toFixed(0)).join(', ')}] (${sizes})`,
    );
    console.log(
      `iso: overhead ${overhead.toFixed(1)}% (${(o - b).toFixed(0)} ms; target: under ${TARGET_PERCENT}%; ${(overhead / TARGET_PERCENT).toFixed(2)}x of the budget)`,
    );
    return [
      {
        section: 'iso',
        metric: `buildContextIso overhead (median of ${RUNS})`,
        value: `${overhead.toFixed(1)}%`,
        target: `${TARGET_PERCENT}%`,
        ratio: overhead / TARGET_PERCENT,
      },
    ];
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
  }
}
