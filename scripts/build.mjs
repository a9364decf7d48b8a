#!/usr/bin/env node
// Bundles the project with esbuild. Usage: node scripts/build.mjs [--production] [--only=extension,cli,tests]
//   extension  src/extension/main.ts   -> dist/extension.cjs  (CJS: VS Code 1.100 loads extensions with require)
//              and dist/execa.mjs (execa, imported on a tool's first run: outside the main bundle)
//   cli        src/cli/bin.ts          -> dist/cli.js         (ESM, #!/usr/bin/env node, chmod 0755; main.ts if no bin.ts)
//              src/cli/lintWorker.ts   -> dist/lintWorker.js  (the CLI's worker threads for large runs)
//              src/cli/libxml2Worker.ts -> dist/libxml2Worker.js (the CLI's libxml2, beside the lint)
//              src/cli/readAheadWorker.ts -> dist/readAheadWorker.js (reads templates ahead of the lint)
//   schema     src/core/schema/libxml2Validator.ts -> dist/schema.mjs (ESM: libxml2's WebAssembly, ~1 MB, inlined):
//              the extension and the CLI import it on first use only (their import of libxml2Validator.js is
//              rewritten to ./schema.mjs), so the main bundle and activation stay as small as before
//   grammar    schemas/libvirt/*.rng -> schemas/grammar/domain.json (scripts/generate-grammar.mjs): completion,
//              hover and the schema rule's "expected …"
//   tests      test/vscode/index.ts + test/vscode/**/*.test.ts -> out/vscode/**/*.cjs (the in-host mocha suites)
//   rules      the rule registry (src/core/rules/registry.ts) -> README.md's rule table and the list of rule ids
//              of `snooze.rules` in package.json: adding a rule is its file and one registry line.
// --production (or NODE_ENV=production, as `npm run package` does): no source map next to the extension.
// Otherwise dist/extension.cjs.map is written (linked); .vscodeignore keeps it out of the .vsix.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateGrammar } from './generate-grammar.mjs';
import { importTs } from './importTs.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const production = args.includes('--production') || process.env.NODE_ENV === 'production';
const onlyArg = args.find((a) => a.startsWith('--only='));
const only = onlyArg ? new Set(onlyArg.slice('--only='.length).split(',')) : null;
const want = (name) => !only || only.has(name);
const rel = (p) => path.relative(root, p);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
// SNOOZE_VERSION: package.json's version, for `snooze-lint --version` and the extension (declared in the sources)
const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;
const versionDefine = { SNOOZE_VERSION: JSON.stringify(version) };

// What every bundle here shares: Node 20, one file per entry, a metafile for the size report.
const nodeBundle = { bundle: true, platform: 'node', target: 'node20', metafile: true, logLevel: 'warning' };
// An ESM bundle whose bundled CommonJS dependencies call require() needs one of its own.
const esmRequire =
  'import { createRequire as __createRequire } from "node:module";\nconst require = __createRequire(import.meta.url);';

// ESM-only dependencies (execa 9, ...) may read import.meta.url; in a CJS bundle that would be undefined.
const importMetaShim = {
  banner: { js: 'const __import_meta_url = require("node:url").pathToFileURL(__filename).href;' },
  define: { 'import.meta.url': '__import_meta_url', ...versionDefine },
};

// The schema validator stays out of the bundles that import it: they load dist/schema.mjs beside them.
const schemaChunk = {
  name: 'schema-chunk',
  setup(build) {
    build.onResolve({ filter: /\/libxml2Validator\.js$/ }, () => ({ path: './schema.mjs', external: true }));
  },
};

function report(result, label) {
  for (const [file, info] of Object.entries(result.metafile.outputs)) {
    if (file.endsWith('.map')) continue;
    console.log(`build: ${label} ${file} ${kb(info.bytes)}`);
  }
}

function walk(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : [p];
  });
}

// execa (and what it pulls in, about 85 KB minified) stays out of the extension's main bundle: the extension
// needs it only when a tool runs, and loads dist/execa.mjs then (src/core/tools/runTool.ts imports it lazily).
const execaChunk = {
  name: 'execa-chunk',
  setup(build) {
    build.onResolve({ filter: /^execa$/ }, () => ({ path: './execa.mjs', external: true }));
  },
};

/** A chunk loaded on first use: one minified ESM file, `input` being esbuild's entryPoints or stdin options. */
async function buildChunk(label, outfile, input, extra = {}) {
  const result = await esbuild.build({
    ...nodeBundle,
    ...input,
    outfile: path.join(root, outfile),
    format: 'esm',
    minify: true,
    legalComments: 'none',
    ...extra,
  });
  report(result, label);
}

async function buildExecaChunk() {
  await buildChunk(
    'execa chunk',
    'dist/execa.mjs',
    { stdin: { contents: "export { execa } from 'execa';", resolveDir: root, loader: 'js' } },
    // execa's CommonJS dependencies (cross-spawn…) call require()
    { banner: { js: esmRequire } },
  );
}

async function buildExtension() {
  await buildExecaChunk();
  const entry = path.join(root, 'src/extension/main.ts');
  const outfile = path.join(root, 'dist/extension.cjs');
  fs.rmSync(`${outfile}.map`, { force: true });
  const result = await esbuild.build({
    ...nodeBundle,
    entryPoints: [entry],
    outfile,
    format: 'cjs',
    external: ['vscode'],
    minify: true,
    keepNames: true,
    sourcemap: production ? false : 'linked',
    sourcesContent: false,
    legalComments: 'none',
    // jsonc-parser's "main" is UMD with inner require()s esbuild cannot follow; its "module" is plain ESM
    mainFields: ['module', 'main'],
    plugins: [schemaChunk, execaChunk],
    ...importMetaShim,
  });
  report(result, production ? 'extension (production)' : 'extension');
}

async function buildCli() {
  // src/cli/bin.ts is the process entry (it calls runCli from main.ts); main.ts alone if there is no bin.ts
  const entry = ['src/cli/bin.ts', 'src/cli/main.ts'].map((f) => path.join(root, f)).find((f) => fs.existsSync(f));
  if (!entry) {
    console.log('build: skipping cli: src/cli/bin.ts (or main.ts) does not exist yet');
    return;
  }
  const outfile = path.join(root, 'dist/cli.js');
  const result = await esbuild.build({
    entryPoints: {
      cli: entry,
      lintWorker: path.join(root, 'src/cli/lintWorker.ts'),
      libxml2Worker: path.join(root, 'src/cli/libxml2Worker.ts'),
      readAheadWorker: path.join(root, 'src/cli/readAheadWorker.ts'),
    },
    outdir: path.join(root, 'dist'),
    ...nodeBundle,
    format: 'esm',
    minify: production,
    sourcemap: production ? false : 'linked',
    sourcesContent: false,
    legalComments: 'none',
    mainFields: ['module', 'main'],
    define: versionDefine,
    plugins: [schemaChunk],
    // bundled CJS dependencies call require()
    banner: { js: `#!/usr/bin/env node\n${esmRequire}` },
  });
  fs.chmodSync(outfile, 0o755);
  report(result, 'cli');
}

async function buildSchemaChunk() {
  // libxml2-wasm's emscripten glue calls require() through createRequire itself
  await buildChunk('schema chunk', 'dist/schema.mjs', {
    entryPoints: [path.join(root, 'src/core/schema/libxml2Validator.ts')],
  });
}

async function buildGrammar() {
  const r = await generateGrammar();
  if (r.changed) console.log(`build: grammar: wrote ${rel(r.out)} (${kb(r.bytes)})`);
}

async function buildInHostTests() {
  const dir = path.join(root, 'test/vscode');
  const entries = walk(dir).filter((f) => f === path.join(dir, 'index.ts') || f.endsWith('.test.ts'));
  const outdir = path.join(root, 'out/vscode');
  fs.rmSync(outdir, { recursive: true, force: true });
  if (entries.length === 0) {
    console.log('build: no in-host tests in test/vscode');
    return;
  }
  const result = await esbuild.build({
    entryPoints: entries,
    outdir,
    outbase: dir,
    outExtension: { '.js': '.cjs' },
    ...nodeBundle,
    format: 'cjs',
    external: ['vscode', 'mocha'],
    sourcemap: 'inline',
    plugins: [schemaChunk],
    ...importMetaShim,
  });
  const outs = Object.keys(result.metafile.outputs);
  console.log(`build: in-host tests ${outs.length} file(s) in ${rel(outdir)}`);
}

/** Rewrites README's rule table (between its markers) and snooze.rules' id list from the registry, when they differ. */
async function syncRuleDocs() {
  const { RULES } = await importTs(path.join(root, 'src/core/rules/registry.ts'), { mainFields: ['module', 'main'] });
  const scope = { syntax: 'template', template: 'template', workspace: 'template', context: 'context folder' };
  const cell = (text) => text.replace(/</g, '&lt;').replace(/\|/g, '\\|');
  const rows = RULES.map(
    (r) => `| <a id="rule-${r.id}"></a>\`${r.id}\` | ${r.severity} | ${scope[r.scope]} | ${cell(r.description)} |`,
  );
  const table = ['| id | severity | applies to | what it finds |', '|---|---|---|---|', ...rows].join('\n');
  const readmePath = path.join(root, 'README.md');
  const readme = fs.readFileSync(readmePath, 'utf8');
  const marked = /(<!-- rules:start[^>]*-->\n)[\s\S]*?(\n<!-- rules:end -->)/;
  if (!marked.test(readme)) throw new Error('README.md has no <!-- rules:start --> ... <!-- rules:end --> markers');
  const newReadme = readme.replace(marked, (_, start, end) => `${start}${table}${end}`);
  const manifestPath = path.join(root, 'package.json');
  const manifestText = fs.readFileSync(manifestPath, 'utf8');
  const manifest = JSON.parse(manifestText);
  manifest.contributes.configuration.properties['snooze.rules'].propertyNames.enum = RULES.map((r) => r.id);
  const newManifest = `${JSON.stringify(manifest, null, 2)}\n`;
  for (const [file, before, after] of [
    [readmePath, readme, newReadme],
    [manifestPath, manifestText, newManifest],
  ]) {
    if (before !== after) {
      fs.writeFileSync(file, after);
      console.log(`build: rules: updated ${rel(file)}`);
    }
  }
}

const t0 = Date.now();
try {
  if (want('rules')) await syncRuleDocs();
  if (want('grammar')) await buildGrammar();
  if (want('schema')) await buildSchemaChunk();
  if (want('extension')) await buildExtension();
  if (want('cli')) await buildCli();
  if (want('tests')) await buildInHostTests();
  console.log(`build: done in ${Date.now() - t0} ms`);
} catch (e) {
  // esbuild has already printed the located errors
  if (!e?.errors) console.error(e);
  console.error('build: FAILED');
  process.exit(1);
}
