import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { xmlFilesUnder } from '../../src/core/lint/lintPaths.js';
import { compileRelaxNg, type CompiledRelaxNg } from '../../src/core/schema/relaxng/compileRelaxNg.js';
import { provesValid } from '../../src/core/schema/relaxng/treeValidator.js';
import { bundledSchemaDirectory } from '../../src/core/schema/schemaDirectory.js';
import { parseXml } from '../../src/core/xml/parseXml.js';
import { tempDir } from '../helpers/realImages.js';
import { schemaMutants } from '../helpers/schemaMutants.js';
import { SHARED_CORPUS } from '../helpers/sharedCorpus.js';

const SYSTEM_SCHEMAS = '/usr/share/libvirt/schemas';
const CORPUS = SHARED_CORPUS;
const FIXTURES = path.resolve('test/fixtures/templates');
const MUTANTS = 3000;

/** libxml2's verdict on each file (native xmllint, a few hundred files per process): true when valid. */
function xmllintVerdicts(files: readonly string[], directory: string): Map<string, boolean> {
  const verdicts = new Map<string, boolean>();
  for (let i = 0; i < files.length; i += 300) {
    const batch = files.slice(i, i + 300);
    const run = spawnSync('xmllint', ['--noout', '--relaxng', path.join(directory, 'domain.rng'), ...batch], {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
    if (run.error) throw run.error;
    for (const line of run.stderr.split('\n')) {
      const verdict = / (validates|fails to validate|validation generated an internal error)$/.exec(line);
      if (verdict) verdicts.set(line.slice(0, verdict.index), verdict[1] === 'validates');
    }
  }
  for (const file of files) assert.ok(verdicts.has(file), `xmllint gave no verdict on ${file}`);
  return verdicts;
}

function compile(directory: string): CompiledRelaxNg {
  return compileRelaxNg((file) => fs.readFileSync(path.join(directory, file), 'utf8'), 'domain.rng');
}

/** Our proofs against libxml2's verdicts: the files we prove valid that libxml2 refuses, and how many valid ones we prove. */
function judge(all: readonly string[], directory: string, schema: CompiledRelaxNg) {
  // Well-formed documents only: the schema rule runs on no other.
  const files = all.filter((file) => parseXml(fs.readFileSync(file, 'utf8')).ok);
  const libxml2 = xmllintVerdicts(files, directory);
  const wrong: string[] = [];
  let valid = 0;
  let proven = 0;
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const parsed = parseXml(text);
    const ours = parsed.ok && provesValid(schema, text, parsed.root);
    if (libxml2.get(file)) valid++;
    if (ours && libxml2.get(file)) proven++;
    if (ours && !libxml2.get(file)) wrong.push(file);
  }
  return { wrong, valid, proven };
}

// The schema rule asks libxml2 only about templates our validation by derivatives cannot prove valid. So a
// proof must never be wrong: every template proven valid is one libxml2 (native xmllint, as libvirt) accepts.
describe('schema proofs by derivatives, held to libxml2', function () {
  this.timeout(300_000);
  let dir: string;
  let sources: string[];
  before(function () {
    if (spawnSync('xmllint', ['--version']).error) throw new Error('xmllint is missing: apt-get install libxml2-utils');
    if (!fs.existsSync(path.join(SYSTEM_SCHEMAS, 'domain.rng')))
      throw new Error(`${SYSTEM_SCHEMAS} is missing: apt-get install libvirt-clients`);
    dir = tempDir('schema-proofs');
    const files = [...xmlFilesUnder(FIXTURES), ...(fs.existsSync(CORPUS) ? xmlFilesUnder(CORPUS) : [])];
    sources = files.map((f) => fs.readFileSync(f, 'utf8'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const [label, directory] of [
    ['the installed schemas', SYSTEM_SCHEMAS],
    ['the bundled copy', bundledSchemaDirectory()],
  ] as const) {
    it(`proves the valid corpus documents and fixtures valid, and no other, with ${label}`, function () {
      if (!fs.existsSync(CORPUS)) console.log(`      (${CORPUS} is not here: fixtures only; CI has the corpus)`);
      const files = [...xmlFilesUnder(FIXTURES), ...(fs.existsSync(CORPUS) ? xmlFilesUnder(CORPUS) : [])];
      const { wrong, valid, proven } = judge(files, directory, compile(directory));
      assert.deepEqual(wrong, []);
      assert.ok(valid >= 20, `${valid} valid documents`);
      // Every valid document here is in libvirt's own dialect: all must be proven, or the fast path is lost.
      assert.equal(proven, valid, `${proven} of ${valid} valid documents proven`);
    });

    it(`never proves a mutant libxml2 refuses (${MUTANTS} mutants, fixed seed), with ${label}`, function () {
      const mutants = schemaMutants(sources, MUTANTS);
      assert.equal(mutants.length, MUTANTS);
      const files = mutants.map((text, i) => {
        const file = path.join(dir, `${label.replace(/\W+/g, '-')}-${i}.xml`);
        fs.writeFileSync(file, text);
        return file;
      });
      const { wrong, valid, proven } = judge(files, directory, compile(directory));
      if (wrong.length > 0) {
        const kept = path.resolve('test-output/schema-proofs');
        fs.mkdirSync(kept, { recursive: true });
        for (const file of wrong) fs.copyFileSync(file, path.join(kept, path.basename(file)));
        console.log(`      proven valid but refused by libxml2 (kept in ${kept}): ${wrong.length}`);
      }
      assert.deepEqual(
        wrong.map((f) => path.basename(f)),
        [],
      );
      // Both verdicts occur often enough for the test to mean something.
      assert.ok(valid >= MUTANTS / 10 && valid <= MUTANTS * 0.9, `${valid} of ${MUTANTS} mutants valid`);
      console.log(`      ${valid} of ${MUTANTS} mutants valid for libxml2; ${proven} of them proven here`);
      assert.ok(proven >= valid * 0.8, `${proven} of ${valid} valid mutants proven`);
    });
  }
});
