import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseXml } from '../../src/core/xml/parseXml.js';
import { tempDir } from '../helpers/realImages.js';
import { mulberry32 } from '../helpers/seeded.js';
import { SHARED_CORPUS } from '../helpers/sharedCorpus.js';

// Differential test: real templates, mutated with a fixed seed into thousands of documents near the edge of
// well-formedness, judged by our parser and by libxml2 (xmllint --noout, the parser libvirt uses). The verdicts
// (well-formed or not) must agree on every one.

const MUTANTS = 2400;
const SEED = 0x5e00e;
const XMLLINT_PARALLEL = 2;
const FIXTURES = path.resolve('test/fixtures/templates');

type Random = () => number;
const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const insert = (text: string, at: number, what: string): string => text.slice(0, at) + what + text.slice(at);

/** Anywhere in the text, or (half the time) in element content, where most of a template's characters are not. */
function position(random: Random, text: string): number {
  if (random() < 0.5) return Math.floor(random() * (text.length + 1));
  const gts: number[] = [];
  for (let i = text.indexOf('>'); i !== -1; i = text.indexOf('>', i + 1)) gts.push(i + 1);
  return gts.length ? pick(random, gts) : 0;
}

/** Where the root element starts: after any declaration, comment or DOCTYPE. */
function rootStart(text: string): number {
  const match = /<[A-Za-z_]/.exec(text);
  return match ? match.index : 0;
}

const withoutDeclaration = (text: string): string => text.replace(/^\uFEFF?<\?xml[^>]*\?>\s*/, '');

const CONTROL = [
  '\u0000',
  '\u0001',
  '\u0007',
  '\u0008',
  '\u000b',
  '\u000c',
  '\u000e',
  '\u001b',
  '\u001f',
  '\u007f',
  '\u0085',
  '\ufffe',
  '\uffff',
  '\t',
  '\ud83d\ude00',
];
const CHAR_REFS = [
  '&#0;',
  '&#x0;',
  '&#xD800;',
  '&#xdfff;',
  '&#99999999;',
  '&#x110000;',
  '&#x10FFFF;',
  '&#65;',
  '&#x41;',
  '&#9;',
  '&#xFFFE;',
  '&#1;',
  '&#X41;',
  '&#;',
  '&#x;',
  '&#0000065;',
  '&#x1F600;',
  '&#12a;',
  '&#xD7FF;',
  '&#xE000;',
  '&#4294967361;',
];
const DECLARATIONS = [
  '<?xml version="1.0"?>\n',
  '<?xml encoding="UTF-8"?>\n',
  '\n<?xml version="1.0"?>\n',
  ' <?xml version="1.0"?>',
  '<!-- c --><?xml version="1.0"?>',
  '<?xml version="1.0" standalone="yes"?>',
  '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n',
  "<?xml version='1.1'?>",
  '<?xml version="2.0"?>',
  '<?XML version="1.0"?>',
  '<?xml version="1.0" standalone="yes" encoding="UTF-8"?>',
  '<?xml version="1.0"encoding="UTF-8"?>',
  '<?xml version="1.0" encoding="UTF-8"standalone="no"?>',
  '<?xml  version = "1.0" ?>',
  '<?xml version="1.0">',
  '<?xml-stylesheet href="a.xsl"?>\n',
  '<?xml version="1.0"?><?xml version="1.0"?>',
  '\uFEFF<?xml version="1.0"?>\n',
  '<?xml version="1.0" encoding="latin1"?>',
  '<?xml version="1.0" encoding="UTF-16"?>',
  '<?xml version="1.0" encoding="bogus"?>',
  '<?xml version="1."?>',
  '<?xml version="1.0" standalone="maybe"?>',
  '<?xml?>',
  '<?xml version="1.0" ?>\n',
  '<?xml version=1.0?>',
];
const DOCTYPES = [
  '<!DOCTYPE domain [\n  <!ENTITY img "/opt/cloud">\n  <!ENTITY part "a<b/>c">\n  <!ENTITY bad "&#60;x">\n]>\n',
  '<!DOCTYPE domain>\n',
  '<!DOCTYPE domain SYSTEM "domain.dtd">\n',
  '<!DOCTYPE domain [<!ENTITY % p "<!ENTITY q \'x\'>"> %p;]>\n',
  '<!DOCTYPE domain PUBLIC "-//snooze//EN" "d.dtd" [<!ENTITY img "x">]>\n',
  '<!DOCTYPE domain [<!-- entities --><!ENTITY e1 "&e2;"><!ENTITY e2 "v"><?pi x?>]>\n',
  '<!DOCTYPE domain [<!ENTITY loop "&loop;"><!ENTITY amp2 "&#38;">]>\n',
  '<!DOCTYPE domain [<!ENTITY ext SYSTEM "x.xml"><!ENTITY img \'i\'>]>\n',
  '<!DOCTYPE domain []>\n',
  '<!DOCTYPE domain [<!ELEMENT domain ANY><!ATTLIST domain type CDATA #IMPLIED><!ENTITY img "z">]>\n',
];
const ENTITY_NAMES = ['img', 'part', 'bad', 'q', 'e1', 'e2', 'loop', 'amp2', 'ext', 'nope', 'amp', 'lt'];
const STRAYS = { '<': ['<'], '&': ['&', '& ', '&amp', '&#', '&x;'], quote: ['"', "'", '="x"', " a='1'"] };

/** One mutation per class; each returns the mutated text. */
const CLASSES: Record<string, (random: Random, text: string) => string> = {
  'control character': (r, t) => insert(t, position(r, t), pick(r, CONTROL)),
  'character reference': (r, t) => insert(t, position(r, t), pick(r, CHAR_REFS)),
  'XML declaration': (r, t) => {
    const body = withoutDeclaration(t);
    return r() < 0.8 ? pick(r, DECLARATIONS) + body : insert(body, position(r, body), '<?xml version="1.0"?>');
  },
  'DOCTYPE and entities': (r, t) => {
    const body = withoutDeclaration(t);
    const doctype = pick(r, DOCTYPES);
    const at = rootStart(body);
    const withDoctype = insert(body, at, doctype);
    const refAt = at + doctype.length + position(r, body.slice(at));
    const declared = r() < 0.3 ? '<?xml version="1.0" standalone="yes"?>\n' : '';
    return declared + insert(withDoctype, refAt, `&${pick(r, ENTITY_NAMES)};`);
  },
  // Mostly a cut document; sometimes only the trailing newline or the comment after the root goes.
  truncation: (r, t) => (r() < 0.85 ? t.slice(0, Math.floor(r() * t.length)) : t.slice(0, t.lastIndexOf('>') + 1)),
  "stray '<'": (r, t) => insert(t, position(r, t), pick(r, STRAYS['<'])),
  "stray '&'": (r, t) => insert(t, position(r, t), pick(r, STRAYS['&'])),
  'stray quote': (r, t) => insert(t, position(r, t), pick(r, STRAYS.quote)),
  'byte-order mark': (r, t) => {
    const choice = r();
    if (choice < 0.3) return `\uFEFF${t}`;
    if (choice < 0.45) return `\uFEFF\uFEFF${t}`;
    if (choice < 0.6) return `\uFEFF\n${t}`;
    return insert(t, position(r, t), '\uFEFF');
  },
  'deleted slice': (r, t) => {
    const at = Math.floor(r() * t.length);
    return t.slice(0, at) + t.slice(at + 1 + Math.floor(r() * 3));
  },
};
const CLASS_NAMES = Object.keys(CLASSES);

function sources(): { files: string[]; note: string } {
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const p = path.join(dir, e.name);
      return e.isDirectory() ? walk(p) : e.name.endsWith('.xml') ? [p] : [];
    });
  const fixtures = walk(FIXTURES);
  const corpus = SHARED_CORPUS;
  if (!fs.existsSync(corpus)) return { files: fixtures, note: `the corpus is not here (${corpus}): fixtures only` };
  const corpusFiles = walk(corpus);
  return {
    files: [...fixtures, ...corpusFiles],
    note: `${fixtures.length} fixtures and ${corpusFiles.length} corpus files (${corpus})`,
  };
}

const XMLLINT_BATCH = 150;
/** libxml2 reports some errors that do not make a document malformed (an undeclared entity where a DTD may declare it). */
const MAYBE_NOT_FATAL = /not defined|not found/;

function run(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('xmllint', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

/**
 * xmllint's verdict on each file. One process per file costs ~15 ms here, so files go in batches: a file
 * xmllint says nothing about is well-formed, one with a parser error is not; a file whose only errors may be
 * non-fatal, or a batch whose exit status contradicts its messages, is asked again on its own.
 */
async function xmllintVerdicts(files: string[]): Promise<{ verdicts: boolean[]; alone: number }> {
  const verdicts: boolean[] = new Array(files.length);
  const recheck: number[] = [];
  const batches: number[][] = [];
  for (let i = 0; i < files.length; i += XMLLINT_BATCH)
    batches.push(files.slice(i, i + XMLLINT_BATCH).map((_, k) => i + k));
  const pool = async <T>(items: T[], work: (item: T) => Promise<void>): Promise<void> => {
    let next = 0;
    await Promise.all(
      Array.from({ length: XMLLINT_PARALLEL }, async () => {
        while (next < items.length) await work(items[next++]!);
      }),
    );
  };
  await pool(batches, async (batch) => {
    const { code, stderr } = await run(['--noout', ...batch.map((i) => files[i]!)]);
    const messages = new Map<string, string[]>();
    for (const line of stderr.split('\n')) {
      const m = /^(.+?\.xml):\d+: (\w+ \w+) : (.*)$/.exec(line);
      if (m) messages.set(m[1]!, [...(messages.get(m[1]!) ?? []), `${m[2]}: ${m[3]}`]);
    }
    let malformed = 0;
    for (const i of batch) {
      const errors = (messages.get(files[i]!) ?? []).filter((m) => m.startsWith('parser error'));
      if (code === 0 || errors.length === 0) verdicts[i] = true;
      else if (errors.every((m) => MAYBE_NOT_FATAL.test(m))) recheck.push(i);
      else {
        verdicts[i] = false;
        malformed++;
      }
    }
    if (code !== 0 && malformed === 0)
      recheck.push(...batch.filter((i) => messages.has(files[i]!) && !recheck.includes(i)));
  });
  await pool(recheck, async (i) => {
    verdicts[i] = (await run(['--noout', files[i]!])).code === 0;
  });
  return { verdicts, alone: recheck.length };
}

describe('well-formedness on mutated real templates: our parser against libxml2 (xmllint)', function () {
  this.timeout(120_000);
  let dir: string;
  before(function () {
    if (spawnSync('xmllint', ['--version']).error)
      throw new Error('xmllint is missing: apt-get install libxml2-utils (CI installs it)');
    dir = tempDir('differential');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it(`agrees on ${MUTANTS} mutants of every class (fixed seed)`, async () => {
    const { files: originals, note } = sources();
    console.log(`      (sources: ${note})`);
    assert.ok(originals.length >= 10, `expected templates to mutate, found ${originals.length}`);
    const random = mulberry32(SEED);
    const mutants: { file: string; text: string; kind: string; source: string }[] = [];
    for (let n = 0; n < MUTANTS; n++) {
      const source = pick(random, originals);
      // A tenth of the mutants carry two mutations, so that classes meet (a DOCTYPE and a control character...).
      const kinds = [CLASS_NAMES[n % CLASS_NAMES.length]!, ...(random() < 0.1 ? [pick(random, CLASS_NAMES)] : [])];
      let text = fs.readFileSync(source, 'utf8').replace(/^\uFEFF/, '');
      for (const kind of kinds) text = CLASSES[kind]!(random, text);
      const file = path.join(dir, `m${n}.xml`);
      fs.writeFileSync(file, text);
      mutants.push({ file, text, kind: kinds.join(' + '), source });
    }
    const { verdicts: libxml2, alone } = await xmllintVerdicts(mutants.map((m) => m.file));
    console.log(`      (xmllint in batches of ${XMLLINT_BATCH}; ${alone} file(s) asked again on their own)`);

    const disagreements: string[] = [];
    const perClass = new Map<string, { total: number; malformed: number }>();
    mutants.forEach((mutant, i) => {
      const ours = parseXml(mutant.text);
      const kind = mutant.kind.split(' + ')[0]!;
      const counts = perClass.get(kind) ?? { total: 0, malformed: 0 };
      counts.total++;
      if (!libxml2[i]) counts.malformed++;
      perClass.set(kind, counts);
      if (ours.ok === libxml2[i]) return;
      const kept = path.resolve('test-output', 'differential', path.basename(mutant.file));
      fs.mkdirSync(path.dirname(kept), { recursive: true });
      fs.writeFileSync(kept, mutant.text);
      disagreements.push(
        `${kept} (${mutant.kind}, from ${path.basename(mutant.source)}): xmllint says ${libxml2[i] ? 'well-formed' : 'NOT well-formed'}, ` +
          `we say ${ours.ok ? 'well-formed' : `NOT well-formed (${ours.error.line}:${ours.error.column} ${ours.error.message})`}`,
      );
    });
    for (const [kind, c] of perClass) console.log(`      ${kind}: ${c.total} mutants, ${c.malformed} not well-formed`);

    // The mutants must exercise both verdicts, or agreement would prove little.
    const malformed = libxml2.filter((v) => !v).length;
    assert.ok(
      malformed > MUTANTS / 5 && malformed < (MUTANTS * 4) / 5,
      `${malformed} of ${MUTANTS} malformed: the mutants test one verdict only`,
    );
    assert.equal(perClass.size, CLASS_NAMES.length);
    assert.deepEqual(
      disagreements,
      [],
      `${disagreements.length} of ${MUTANTS} disagree:\n${disagreements.slice(0, 30).join('\n')}`,
    );
  });
});
