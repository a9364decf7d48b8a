import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Linter } from '../../src/core/lint/linter.js';
import { findContextFolders, isContextFolder } from '../../src/core/context/contextFolder.js';
import { tempDir } from '../helpers/realImages.js';
import type { Finding } from '../../src/core/findings.js';

const NETWORK =
  'GATEWAY=192.168.122.1\nNETWORK=192.168.122.0\nBROADCAST=192.168.122.255\nNETMASK=255.255.255.0\nNAMESERVER=192.168.122.1\n';

/** Writes a context folder from a map of relative path → content (a number: a mode to set). */
function contextFolder(root: string, files: Record<string, string | [string, number]>): string {
  const dir = path.join(root, 'context');
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(dir, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const [text, mode] = Array.isArray(content) ? content : [content, 0o644];
    fs.writeFileSync(file, text);
    fs.chmodSync(file, mode);
  }
  return dir;
}

const CLEAN = {
  'post-install': ['#!/bin/sh\nrun-parts /mnt/distributions/debian\n', 0o755] as [string, number],
  'common/network': NETWORK,
  'common/routes': '# none\n',
  'distributions/debian/network': ['#!/bin/sh\n', 0o755] as [string, number],
};

describe('context-folder rules', () => {
  let root: string;
  beforeEach(() => {
    root = tempDir('context');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));
  const lint = (dir: string): Finding[] => new Linter(undefined, { withFixes: true }).lintContextFolder(dir);
  const rules = (findings: Finding[]) => findings.map((f) => f.rule);

  it('finds context folders by post-install or common/network', () => {
    const dir = contextFolder(root, CLEAN);
    assert.ok(isContextFolder(dir));
    assert.deepEqual(findContextFolders(root), [dir]);
  });

  it('a clean context folder has no finding', () => {
    assert.deepEqual(rules(lint(contextFolder(root, CLEAN))), []);
  });

  it('context-crlf: points at the first CRLF line of the file', () => {
    const findings = lint(contextFolder(root, { ...CLEAN, 'post-install': ['#!/bin/sh\r\ncd /mnt\r\n', 0o755] }));
    const [finding] = findings.filter((f) => f.rule === 'context-crlf');
    assert.ok(finding!.file.endsWith('post-install'));
    assert.equal(finding!.range.start.line, 0);
    assert.match(finding!.message, /2 lines/);
  });

  it('context-missing-post-install: the VM would fall back to DHCP', () => {
    const { 'post-install': _omit, ...rest } = CLEAN;
    assert.deepEqual(rules(lint(contextFolder(root, rest))), ['context-missing-post-install']);
  });

  it('context-invalid-network: bad IPv4, non-contiguous netmask, gateway outside the network', () => {
    const bad = (text: string) =>
      lint(contextFolder(root, { ...CLEAN, 'common/network': text })).filter(
        (f) => f.rule === 'context-invalid-network',
      );
    assert.match(bad(NETWORK.replace('GATEWAY=192.168.122.1', 'GATEWAY=192.168.122.300'))[0]!.message, /GATEWAY/);
    assert.match(bad(NETWORK.replace('255.255.255.0', '255.0.255.0'))[0]!.message, /not a contiguous netmask/);
    const outside = bad(NETWORK.replace('GATEWAY=192.168.122.1', 'GATEWAY=10.0.0.1'));
    assert.match(outside[0]!.message, /outside/);
    assert.deepEqual(outside[0]!.range, { start: { line: 0, character: 8 }, end: { line: 0, character: 16 } });
    // The checks of New Context Folder (one validator): a gateway that is no host, a domain name that is none.
    const notHost = bad(NETWORK.replace('GATEWAY=192.168.122.1', 'GATEWAY=192.168.122.255') + 'DOMAIN="bad_domain!"\n');
    assert.deepEqual(
      notHost.map((f) => `${f.range.start.line}: ${f.message}`),
      [
        '0: GATEWAY: 192.168.122.255 is the network or broadcast address, not a host.',
        '5: DOMAIN: "bad_domain!" is not a valid domain name.',
      ],
    );
  });

  it('context-run-parts-name: a script name run-parts would skip', () => {
    const findings = lint(
      contextFolder(root, { ...CLEAN, 'distributions/debian/10_routes.sh': ['#!/bin/sh\n', 0o755] }),
    );
    const [finding] = findings.filter((f) => f.rule === 'context-run-parts-name');
    const [fix] = finding!.fixes!();
    assert.equal(fix?.title, 'Rename it to 10_routes');
    assert.deepEqual(fix?.action, {
      kind: 'renameFile',
      from: finding!.file,
      to: path.join(path.dirname(finding!.file), '10_routes'),
    });
  });

  it('context-not-executable: a distribution script without its exec bit', () => {
    const findings = lint(contextFolder(root, { ...CLEAN, 'distributions/debian/network': ['#!/bin/sh\n', 0o644] }));
    assert.deepEqual(rules(findings), ['context-not-executable']);
  });

  it('joliet-name-too-long: a name over 64 characters', () => {
    const long = `${'a'.repeat(70)}.txt`;
    const findings = lint(contextFolder(root, { ...CLEAN, [`common/${long}`]: 'x' }));
    assert.deepEqual(rules(findings), ['joliet-name-too-long']);
  });
});
