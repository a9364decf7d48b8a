#!/usr/bin/env node
// Compiles the bundled copy of libvirt's domain.rng (schemas/libvirt/) into the table behind schema
// completion, hover and the schema rule's "expected …" (schemas/grammar/domain.json), with
// src/core/schema/compileGrammar.ts. Run by scripts/build.mjs; writes the file only when it changes.
// Usage: node scripts/generate-grammar.mjs [--check]   (--check: exit 1 if the committed table is stale)
import { importTs } from './importTs.mjs';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function generateGrammar({ check = false } = {}) {
  const { compileGrammar } = await importTs(path.join(root, 'src/core/schema/compileGrammar.ts'));
  const dir = path.join(root, 'schemas/libvirt');
  const files = new Map(
    fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.rng'))
      .map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]),
  );
  const source = /libvirt \d+\.\d+\.\d+/.exec(fs.readFileSync(path.join(dir, 'SOURCE.md'), 'utf8'))?.[0] ?? 'libvirt';
  const table = compileGrammar(files, 'domain.rng', `${source} domain.rng (schemas/libvirt)`);
  const text = `${JSON.stringify(table)}\n`;
  const out = path.join(root, 'schemas/grammar/domain.json');
  const before = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : '';
  if (before === text) return { out, changed: false, bytes: text.length };
  if (check) return { out, changed: true, stale: true, bytes: text.length };
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, text);
  return { out, changed: true, bytes: text.length };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = await generateGrammar({ check: process.argv.includes('--check') });
  console.log(
    `grammar: ${path.relative(root, r.out)} ${(r.bytes / 1024).toFixed(1)} KB${r.stale ? ' is STALE' : r.changed ? ' written' : ' up to date'}`,
  );
  if (r.stale) process.exit(1);
}
