import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseTemplateDocument } from '../../src/core/domain/templateDocument.js';
import { Linter } from '../../src/core/lint/linter.js';
import { linkedContextFolder } from '../../src/core/model/contextLink.js';
import { DEFAULT_SETTINGS, type LintSettings } from '../../src/core/settings/settings.js';
import type { Finding } from '../../src/core/findings.js';
import { applyFix, byRule, disk, domainXml, fixesOf, nic } from '../helpers/templates.js';
import { makeIso, makeQcow2, makeRaw, tempDir } from '../helpers/realImages.js';

// The VM model on real files: a template is linked to the context folder its ISO is built from (the ISO is
// named after the folder), and the rules that need the link (iso-stale, mac-ip-mismatch, the fixes of
// missing-iso) use it; LC folders that are not on this machine are reported once, not as missing files.
describe('the VM model: template ↔ context folder ↔ ISO ↔ disk', () => {
  let root: string;
  let lc: string;
  beforeEach(() => {
    root = tempDir('model');
    lc = path.join(root, 'lc'); // stands for /opt/cloud on the LCs
    fs.mkdirSync(lc);
    writeContext('web1', 'NETWORK=10.1.0.0\nNETMASK=255.255.255.0\nGATEWAY=10.1.0.1\n');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  function writeContext(name: string, network: string): string {
    const dir = path.join(root, 'context', name);
    fs.mkdirSync(path.join(dir, 'common'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'common', 'network'), network);
    fs.writeFileSync(path.join(dir, 'post-install'), '#!/bin/sh\n', { mode: 0o755 });
    return dir;
  }

  const cd = (iso: string): string => disk(iso, { device: 'cdrom', target: 'sda', bus: 'sata', readonly: true });
  const template = (devices: string): string => domainXml({ name: 'web1', devices });

  function lint(
    text: string,
    settings: Partial<LintSettings> = { pathMappings: [{ from: '/opt/cloud', to: lc }] },
  ): { findings: Finding[]; text: string } {
    const linter = new Linter({ ...DEFAULT_SETTINGS, ...settings }, { withFixes: true });
    linter.contextFolders.add(path.join(root, 'context', 'web1'));
    const document = parseTemplateDocument(path.join(root, 'web1.xml'), text);
    linter.index.update(document);
    return { findings: linter.lintDocument(document), text };
  }

  describe('the link', () => {
    it('is the context folder named after the ISO, the nearest one when several are', () => {
      const near = path.join(root, 'a', 'context', 'web1');
      const far = path.join(root, 'b', 'x', 'context', 'web1');
      assert.equal(
        linkedContextFolder(
          '/opt/cloud/web1.iso',
          '/opt/cloud/web1.iso',
          path.join(root, 'a', 'templates', 'web1.xml'),
          [far, near],
        ),
        near,
      );
      assert.equal(
        linkedContextFolder('/opt/cloud/web2.iso', '/opt/cloud/web2.iso', path.join(root, 'a', 'web2.xml'), [
          far,
          near,
        ]),
        undefined,
      );
    });

    it('is the folder whose own X.iso the mapped path is, whatever its name', () => {
      const dir = path.join(root, 'context', 'vm-a');
      assert.equal(linkedContextFolder('/opt/cloud/other.iso', `${dir}.iso`, path.join(root, 't.xml'), [dir]), dir);
    });
  });

  describe('iso-stale', () => {
    it('warns on the CD when a file of its context folder changed after the ISO was built, and offers to rebuild it there', () => {
      const iso = makeIso(path.join(root, 'context', 'web1'), path.join(lc, 'web1.iso'));
      const text = template(cd('/opt/cloud/web1.iso') + nic('52:54:0a:01:00:05'));
      assert.deepEqual(byRule(lint(text).findings, 'iso-stale'), []);
      const later = new Date(Date.now() + 60_000);
      fs.utimesSync(path.join(root, 'context', 'web1', 'post-install'), later, later);
      const [stale] = byRule(lint(text).findings, 'iso-stale');
      assert.match(stale!.message, /web1\.iso is older than post-install in its context folder web1/);
      assert.deepEqual(fixesOf(stale)[0]!.action, {
        kind: 'buildIso',
        contextFolder: path.join(root, 'context', 'web1'),
        output: iso,
        replace: true,
      });
    });
  });

  describe('missing-iso', () => {
    it("offers to build the linked context folder's ISO where the template looks for it", () => {
      const [missing] = byRule(
        lint(template(cd('/opt/cloud/web1.iso') + nic('52:54:0a:01:00:05'))).findings,
        'missing-iso',
      );
      assert.deepEqual(fixesOf(missing)[0]!.action, {
        kind: 'buildIso',
        contextFolder: path.join(root, 'context', 'web1'),
        output: path.join(lc, 'web1.iso'),
      });
    });
  });

  describe('missing-disk-image', () => {
    it('offers to create a copy-on-write disk where the template looks for it', () => {
      const [missing] = byRule(
        lint(template(disk('/opt/cloud/web1.qcow2') + nic('52:54:0a:01:00:05'))).findings,
        'missing-disk-image',
      );
      assert.deepEqual(fixesOf(missing)[0]!.action, { kind: 'createDisk', output: path.join(lc, 'web1.qcow2') });
    });
  });

  describe('mac-ip-mismatch', () => {
    it("reports a MAC whose IP is outside the context's network, and fixes it with a free MAC inside", () => {
      makeIso(path.join(root, 'context', 'web1'), path.join(lc, 'web1.iso'));
      const { findings, text } = lint(template(cd('/opt/cloud/web1.iso') + nic('52:54:c0:a8:7a:05')));
      const [mismatch] = byRule(findings, 'mac-ip-mismatch');
      assert.match(
        mismatch!.message,
        /192\.168\.122\.5, outside 10\.1\.0\.0\/24, the network of the context folder web1/,
      );
      const fixed = applyFix(text, fixesOf(mismatch)[0]!);
      assert.match(fixed, /<mac address='52:54:0a:01:00:02'\/>/, 'the first free host after the gateway');
      assert.deepEqual(byRule(lint(fixed).findings, 'mac-ip-mismatch'), []);
    });

    it('reports a MAC that does not give the address the context pins, and fixes it with that address', () => {
      writeContext('web1', 'NETWORK=10.1.0.0\nNETMASK=255.255.255.0\nGATEWAY=10.1.0.1\nIP_ADDRESS=10.1.0.21\n');
      const { findings, text } = lint(template(cd('/opt/cloud/web1.iso') + nic('52:54:0a:01:00:0b')));
      const [mismatch] = byRule(findings, 'mac-ip-mismatch');
      assert.match(
        mismatch!.message,
        /gives IP 10\.1\.0\.11, but the context folder web1 pins IP_ADDRESS=10\.1\.0\.21/,
      );
      assert.match(applyFix(text, fixesOf(mismatch)[0]!), /<mac address='52:54:0a:01:00:15'\/>/);
    });

    it('says nothing without a linked context folder', () => {
      assert.deepEqual(
        byRule(lint(template(cd('/opt/cloud/other.iso') + nic('52:54:c0:a8:7a:05'))).findings, 'mac-ip-mismatch'),
        [],
      );
    });
  });

  describe('unmapped-lc-folder', () => {
    const vm = (): string =>
      template(
        disk('/srv/nowhere/web1.qcow2', { driver: 'qcow2' }) +
          cd('/srv/nowhere/web1.iso') +
          disk('/srv/elsewhere/data.raw', { target: 'vdb', driver: 'raw' }) +
          nic('52:54:0a:01:00:05'),
      );

    it('replaces every missing-file error of an unmapped folder that is not here by one information finding', () => {
      const { findings } = lint(vm(), { pathMappings: [] });
      assert.deepEqual(
        findings.map((f) => `${f.rule}:${f.severity}`),
        ['unmapped-lc-folder:info'],
      );
      assert.match(findings[0]!.message, /^\/srv\/nowhere and \/srv\/elsewhere are not on this machine/);
      assert.deepEqual(
        fixesOf(findings[0]).map((f) => f.title),
        ['Map /srv/nowhere to a folder…', 'Map /srv/elsewhere to a folder…', 'Check on the local controllers…'],
      );
    });

    it('checks for real once the folder is mapped', () => {
      makeRaw(path.join(lc, 'base.raw'));
      makeQcow2(path.join(lc, 'web1.qcow2'), { path: 'base.raw', format: 'raw' });
      const { findings } = lint(vm(), {
        pathMappings: [
          { from: '/srv/nowhere', to: lc },
          { from: '/srv/elsewhere', to: lc },
        ],
      });
      assert.deepEqual(findings.map((f) => f.rule).sort(), ['missing-disk-image', 'missing-iso']);
    });

    it('checks as before where the folder exists on this machine (editing on an LC)', () => {
      const here = path.join(root, 'here');
      fs.mkdirSync(here);
      const { findings } = lint(template(disk(`${here}/web1.qcow2`) + nic('52:54:0a:01:00:05')), { pathMappings: [] });
      assert.deepEqual(
        findings.map((f) => f.rule),
        ['missing-disk-image'],
      );
    });
  });

  describe('suppression comments', () => {
    it('switch a rule off on the next line, or in the whole file', () => {
      const clock = "<!-- snooze-disable-next-line legacy-clock-sync -->\n  <clock sync='localtime'/>";
      const next = lint(domainXml({ clock, devices: nic('52:54:0a:01:00:05') })).findings;
      assert.deepEqual(byRule(next, 'legacy-clock-sync'), []);
      const whole = lint(
        `<!-- snooze-disable invalid-uuid legacy-clock-sync -->\n${domainXml({ uuid: 'x', clock: "<clock sync='utc'/>", devices: nic('52:54:0a:01:00:05') })}`,
      ).findings;
      assert.deepEqual(
        whole.map((f) => f.rule),
        [],
      );
      const other = lint(
        domainXml({
          clock: "<!-- snooze-disable-next-line missing-emulator -->\n  <clock sync='utc'/>",
          devices: nic('52:54:0a:01:00:05'),
        }),
      ).findings;
      assert.deepEqual(
        other.map((f) => f.rule),
        ['legacy-clock-sync'],
        'only the rules named',
      );
    });
  });
});
