// Scaling benchmark: lint time per MB of one template at 1, 5 and 20 MB (200,000 interfaces at 20 MB), and
// per 1,000 attributes of one element at 1k, 10k and 50k. Linear time shows as a flat cost per unit: it prints
// the ratio of the largest cost per unit to the smallest, measured in this run (target: under 2x). No assertion.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { parseTemplateDocument } = await import(path.join(root, 'out/src/core/domain/templateDocument.js'));
const { Linter } = await import(path.join(root, 'out/src/core/lint/linter.js'));

const MB = 1_000_000;

/** A template of about `bytes` bytes: the usual head, then as many bridge interfaces (unique MACs) as fit (~100 bytes each: 200,000 in 20 MB). */
export function bigTemplate(bytes) {
  const head = `<?xml version="1.0" encoding="UTF-8"?>
<domain type='kvm'>
  <name>big</name>
  <uuid>6f0c3a1e-52b4-4c1d-9a7e-000000000065</uuid>
  <memory unit='MiB'>512</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type></os>
  <clock offset='utc'/>
  <devices>
    <!-- interfaces &amp; more: text with references and comments, as real templates have -->
`;
  const tail = '  </devices>\n</domain>\n';
  const parts = [head];
  let size = head.length + tail.length;
  for (let i = 0; size < bytes; i++) {
    const hex = i.toString(16).padStart(8, '0');
    const nic = `    <interface type='bridge'><mac address='52:54:${hex.match(/../g).join(':')}'/><source bridge='virbr0'/></interface>\n`;
    parts.push(nic);
    size += nic.length;
  }
  parts.push(tail);
  return parts.join('');
}

/** One element with `count` attributes, inside a small template. */
export function manyAttributes(count) {
  const attributes = Array.from({ length: count }, (_, i) => ` a${i}='v${i} &amp; w'`).join('');
  return `<domain type='kvm'>\n  <name>attrs</name>\n  <metadata><x${attributes}/></metadata>\n</domain>\n`;
}

/** Milliseconds to parse, index and lint `text` once, in a fresh linter. */
function lintOnce(text) {
  const linter = new Linter({ bridges: ['virbr0'], pathMappings: [], rules: {} });
  const start = performance.now();
  const document = parseTemplateDocument('/w/big.xml', text);
  linter.index.update(document);
  linter.lintDocument(document);
  const ms = performance.now() - start;
  if (document.kind !== 'template')
    throw new Error(`the generated template is ${document.kind}: ${document.error?.message}`);
  return ms;
}

/**
 * The fastest time of each text, measured in interleaved rounds (every text once per round, at least 3 rounds
 * and ~2 s of small texts): on a shared machine other processes only ever add time, and interleaving spreads
 * their bursts over all sizes instead of one.
 */
function lintTimes(texts) {
  for (const text of texts) lintOnce(text); // warm-up: the first run compiles the code
  const best = texts.map(() => Infinity);
  for (let round = 0, spent = 0; round < 3 || (spent < 2000 && round < 30); round++) {
    texts.forEach((text, i) => {
      const ms = lintOnce(text);
      best[i] = Math.min(best[i], ms);
      spent += ms;
    });
  }
  return best;
}

/** Cost per unit: the time over the same template without the bulk (its fixed cost: rules, index) per unit of bulk. */
const perUnit = (ms, baseMs, units) => Math.max(ms - baseMs, 0.001) / units;

function report(label, rows, unit) {
  const costs = rows.map((r) => r.cost);
  const ratio = Math.max(...costs) / Math.min(...costs);
  for (const r of rows)
    console.log(
      `scaling: ${label} ${r.size}: ${r.ms.toFixed(1)} ms = ${r.cost.toFixed(2)} ms per ${unit} (over the ${r.baseMs.toFixed(1)} ms of the bare template)`,
    );
  console.log(
    `scaling: ${label}: largest/smallest cost per ${unit} ratio ${ratio.toFixed(2)} (target: under 2; ${(ratio / 2).toFixed(2)}x of the budget)`,
  );
  return ratio;
}

export async function benchScaling() {
  const rows = [];
  const sizes = [];
  const texts = [bigTemplate(0), ...[1, 5, 20].map((mb) => bigTemplate(mb * MB))];
  const [bareMs, ...times] = lintTimes(texts);
  [1, 5, 20].forEach((mb, i) => {
    const text = texts[i + 1];
    sizes.push({
      size: `${mb} MB (${(text.match(/<interface /g) ?? []).length} interfaces)`,
      ms: times[i],
      baseMs: bareMs,
      cost: perUnit(times[i], bareMs, (text.length - texts[0].length) / MB),
    });
  });
  const sizeRatio = report('template size', sizes, 'MB');
  rows.push({
    section: 'scaling',
    metric: 'lint ms/MB at 1/5/20 MB, max/min',
    value: `${sizeRatio.toFixed(2)}x (${sizes.map((s) => s.cost.toFixed(0)).join(' / ')} ms/MB)`,
    target: '2x',
    ratio: sizeRatio / 2,
  });

  const attributes = [];
  const counts = [1_000, 10_000, 50_000];
  const [noAttributesMs, ...attributeTimes] = lintTimes([manyAttributes(0), ...counts.map(manyAttributes)]);
  counts.forEach((count, i) => {
    attributes.push({
      size: `${count} attributes`,
      ms: attributeTimes[i],
      baseMs: noAttributesMs,
      cost: perUnit(attributeTimes[i], noAttributesMs, count / 1000),
    });
  });
  const attributeRatio = report('attributes on one element', attributes, '1k attributes');
  rows.push({
    section: 'scaling',
    metric: 'lint ms/1k attrs at 1k/10k/50k, max/min',
    value: `${attributeRatio.toFixed(2)}x (${attributes.map((s) => s.cost.toFixed(2)).join(' / ')} ms)`,
    target: '2x',
    ratio: attributeRatio / 2,
  });
  return rows;
}
