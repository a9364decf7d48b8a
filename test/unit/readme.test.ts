import assert from 'node:assert/strict';
import fs from 'node:fs';
import { RULES } from '../../src/core/rules/registry.js';

// The README is the user's reference: every rule, setting and palette command must be documented there.
describe('README', () => {
  const readme = fs.readFileSync('README.md', 'utf8');
  const manifest = JSON.parse(fs.readFileSync('package.json', 'utf8'));

  it('has a row, with an anchor, for every rule', () => {
    for (const rule of RULES)
      assert.ok(readme.includes(`<a id="rule-${rule.id}"></a>\`${rule.id}\` | ${rule.severity} |`), rule.id);
  });

  it('documents every setting and every command of the palette', () => {
    const properties =
      manifest.contributes.configuration.properties ?? manifest.contributes.configuration[0].properties;
    for (const key of Object.keys(properties)) assert.ok(readme.includes(`\`${key}\``), key);
    const hidden = new Set(
      (manifest.contributes.menus?.commandPalette ?? [])
        .filter((m: { when: string }) => m.when === 'false')
        .map((m: { command: string }) => m.command),
    );
    for (const command of manifest.contributes.commands) {
      if (!hidden.has(command.command)) assert.ok(readme.includes(`\`${command.command}\``), command.command);
    }
  });

  it('lists the same rule ids as the settings schema of snooze.rules', () => {
    const properties =
      manifest.contributes.configuration.properties ?? manifest.contributes.configuration[0].properties;
    assert.deepEqual(
      properties['snooze.rules'].propertyNames.enum,
      RULES.map((r) => r.id),
    );
  });

  it('gives a two-command quick start: npm start and npm test', () => {
    const quickStart = /## Quick start[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)![1]!;
    assert.deepEqual(
      quickStart
        .trim()
        .split('\n')
        .map((l) => l.split('#')[0]!.trim()),
      ['npm start', 'npm test'],
    );
    assert.match(manifest.scripts.test, /scripts\/test\.mjs/);
  });
});
