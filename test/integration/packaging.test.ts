import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { shippedReadmeName } from '../../src/extension/lint/readmeName.js';
import { RULES } from '../../src/core/rules/registry.js';

// The .vsix as a user installs it: every diagnostic's rule link must open a file that is really in it.
describe('the packaged extension (.vsix)', function () {
  this.timeout(120000);
  let extensionDir: string;

  before(function () {
    if (!fs.existsSync('dist/extension.cjs')) this.skip(); // the build step makes it; `npm test` always builds first
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'snooze-vsix-'));
    const vsix = path.join(tmp, 'snooze.vsix');
    execFileSync(
      process.execPath,
      ['node_modules/@vscode/vsce/vsce', 'package', '--no-dependencies', '--allow-missing-repository', '-o', vsix],
      { stdio: 'pipe' },
    );
    execFileSync('python3', ['-m', 'zipfile', '-e', vsix, path.join(tmp, 'unpacked')]);
    extensionDir = path.join(tmp, 'unpacked', 'extension');
  });

  it('links each rule to its row of the README as it is stored in the .vsix', () => {
    const name = shippedReadmeName(extensionDir);
    const readme = path.join(extensionDir, name);
    assert.ok(fs.existsSync(readme), `${name} is in the package (it holds ${fs.readdirSync(extensionDir).join(', ')})`);
    const text = fs.readFileSync(readme, 'utf8');
    for (const rule of RULES) assert.ok(text.includes(`id="rule-${rule.id}"`), `anchor of ${rule.id}`);
  });

  it("ships the schema validator and execa chunks, libvirt's schemas with their licence, and the grammar table", () => {
    for (const file of [
      'dist/schema.mjs',
      'dist/execa.mjs',
      'schemas/libvirt/domain.rng',
      'schemas/libvirt/domaincommon.rng',
      'schemas/libvirt/COPYING.LESSER',
      'schemas/libvirt/SOURCE.md',
      'schemas/grammar/domain.json',
    ]) {
      assert.ok(fs.existsSync(path.join(extensionDir, file)), file);
    }
  });

  it('its execa chunk runs a tool when the CommonJS extension imports it', () => {
    // As dist/extension.cjs does on a tool's first run: import() from CommonJS, then a real process.
    const script = `import(${JSON.stringify(path.join(extensionDir, 'dist/execa.mjs'))}).then(({ execa }) => execa('genisoimage', ['-version'])).then((r) => process.stdout.write(r.stdout))`;
    // A file, not `node -e`: -e makes require() a global, which would hide a chunk that needs one of its own.
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'snooze-chunk-')), 'load.cjs');
    fs.writeFileSync(file, script);
    const out = execFileSync(process.execPath, [file], { encoding: 'utf8' });
    assert.match(out, /genisoimage/);
  });

  it('ships the snippet file the template snippets are read from', () => {
    assert.ok(fs.existsSync(path.join(extensionDir, 'snippets', 'domain-xml.code-snippets')));
  });
});
