// The workflow commands, driven with their inputs as arguments (no UI), against the real tools.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { networkValuesFromFile } from '../../../src/core/context/scaffold/index.js';
import { qemuImgInfo } from '../../../src/core/tools/index.js';
import { activate as api, inWorkspace, mode, snapshot, waitFor } from '../support/host.js';

const NETWORK = {
  NETWORK: '10.1.2.0',
  NETMASK: '255.255.255.0',
  GATEWAY: '10.1.2.1',
  BROADCAST: '10.1.2.255',
  NAMESERVER: '10.1.2.1',
  DOMAIN: 'lab.example',
  SEARCH: '',
};

interface TemplateResult {
  file: string;
  name: string;
  uuid: string;
  mac: string;
  ip: string;
  diskPath: string;
  isoPath: string;
}
interface IsoResult {
  outputPath: string;
  sizeBytes: number;
  fileCount: number;
}
interface DiskResult {
  outputPath: string;
  storedBackingPath: string;
}

(mode === 'trusted' ? describe : describe.skip)('workflow commands (trusted)', () => {
  const ctx = inWorkspace('ctx', 'vm1');
  const iso = `${ctx}.iso`;

  before(async () => {
    await api();
  });

  it('snooze.newContextFolder writes LF-only files, executable scripts and the network values', async () => {
    const written = await vscode.commands.executeCommand<string[]>('snooze.newContextFolder', {
      dir: 'ctx/vm1',
      network: NETWORK,
    });
    assert.ok(written && written.length === 5, `5 files written, got ${JSON.stringify(written)}`);
    assert.match(
      fs.readFileSync(path.join(ctx, 'common', 'hostname'), 'utf8'),
      /^vm1$/m,
      'the host name, from the folder name',
    );
    for (const file of written) {
      assert.ok(fs.existsSync(file), file);
      assert.ok(!fs.readFileSync(file, 'utf8').includes('\r'), `${file} has LF line endings only`);
    }
    for (const script of ['post-install', 'distributions/debian/network']) {
      assert.ok(fs.statSync(path.join(ctx, script)).mode & 0o111, `${script} is executable`);
    }
    const values = networkValuesFromFile(fs.readFileSync(path.join(ctx, 'common', 'network'), 'utf8'));
    assert.deepEqual(values, NETWORK);
  });

  it('snooze.newContextFolder never replaces existing files without consent', async () => {
    const network = path.join(ctx, 'common', 'network');
    const before = fs.readFileSync(network, 'utf8');
    const again = await vscode.commands.executeCommand('snooze.newContextFolder', {
      dir: 'ctx/vm1',
      network: { ...NETWORK, DOMAIN: 'other.example' },
      overwrite: false,
    });
    assert.equal(again, undefined);
    assert.equal(fs.readFileSync(network, 'utf8'), before);
  });

  it('shows the new context folder in the tree with its ISO missing', async () => {
    const node = await waitFor('ctx/vm1 in the tree', async () =>
      (await snapshot()).contexts.find((c) => c.path === ctx),
    );
    assert.equal(node.iso, 'missing');
    assert.equal(node.isoPath, iso);
  });

  it('snooze.newTemplate writes unique, lint-clean templates whose IP lies in the context network', async () => {
    // Other suites change snooze.bridges: use whatever is configured now, the last one (not the default's first).
    const bridge = vscode.workspace.getConfiguration('snooze').get<string[]>('bridges')!.at(-1)!;
    const args = { contextFolder: 'ctx/vm1', lcDir: '/opt/cloud', bridge, dir: 'new', open: false };
    const first = (await vscode.commands.executeCommand<TemplateResult>('snooze.newTemplate', args))!;
    const second = (await vscode.commands.executeCommand<TemplateResult>('snooze.newTemplate', args))!;
    assert.ok(first && second);
    assert.equal(first.name, 'vm1');
    assert.notEqual(first.name, second.name);
    assert.notEqual(first.uuid, second.uuid);
    assert.notEqual(first.mac, second.mac);
    for (const t of [first, second]) {
      assert.ok(fs.existsSync(t.file), t.file);
      assert.match(t.ip, /^10\.1\.2\.(\d+)$/);
      assert.notEqual(t.ip, '10.1.2.1', 'not the gateway');
      assert.equal(t.isoPath, '/opt/cloud/vm1.iso', 'the ISO of the chosen context folder');
      assert.equal(t.diskPath, `/opt/cloud/${t.name}.qcow2`);
      const xml = fs.readFileSync(t.file, 'utf8');
      assert.match(xml, /<target dev="sda" bus="sata"\/>/);
      assert.ok(xml.includes(`<source bridge="${bridge}"/>`), 'the chosen bridge');
    }
    const a = await api();
    await vscode.workspace.openTextDocument(first.file);
    const findings = await waitFor('the new templates linted', () => {
      const f = [...a.templates.findingsOf(first.file), ...a.templates.findingsOf(second.file)];
      return f.filter((x) => x.rule === 'unmapped-lc-folder').length === 2 ? f : undefined;
    });
    // /opt/cloud is not on this machine and not mapped: one note per template, no missing-file error.
    assert.deepEqual(
      findings.map((f) => `${f.rule}:${f.severity}`),
      ['unmapped-lc-folder:info', 'unmapped-lc-folder:info'],
    );
  });

  it('lists templates with MAC → IP and lint status', async () => {
    const snap = await waitFor('templates in the tree', async () => {
      const s = await snapshot();
      return s.templates.some((t) => t.name === 'vm1') && s.templates.some((t) => t.name === 'db1') ? s : undefined;
    });
    const vm1 = snap.templates.find((t) => t.name === 'vm1')!;
    assert.match(vm1.mac ?? '', /^52:54:0a:01:02:/);
    assert.equal(
      vm1.ip,
      vm1
        .mac!.split(':')
        .slice(2)
        .map((o) => parseInt(o, 16))
        .join('.'),
    );
    assert.equal(vm1.status, 'ok', 'its LC folder is not on this machine: nothing to report but a note');
    assert.equal(snap.templates.find((t) => t.name === 'db1')!.status, 'error');
  });

  it('snooze.buildIso builds a real ISO, refuses to replace it without consent, replaces it with', async function () {
    this.timeout(60000);
    const result = await vscode.commands.executeCommand<IsoResult>('snooze.buildIso', {
      contextFolder: 'ctx/vm1',
      buildAnyway: true,
    });
    assert.ok(result, 'built');
    assert.equal(result.outputPath, iso);
    assert.equal(result.fileCount, 5);
    const listing = execFileSync('isoinfo', ['-R', '-f', '-i', iso], { encoding: 'utf8' });
    assert.match(listing, /^\/post-install$/m);
    assert.match(listing, /^\/common\/network$/m);

    const original = fs.readFileSync(iso);
    const refused = await vscode.commands.executeCommand('snooze.buildIso', vscode.Uri.file(ctx), {
      overwrite: false,
      buildAnyway: true,
    });
    assert.equal(refused, undefined);
    assert.ok(fs.readFileSync(iso).equals(original), 'the ISO is byte-identical');

    const replaced = await vscode.commands.executeCommand<IsoResult>('snooze.buildIso', ctx, {
      overwrite: true,
      buildAnyway: true,
    });
    assert.ok(replaced && fs.existsSync(iso));
  });

  it('tree: the ISO goes missing → up to date → stale after an edit', async () => {
    await waitFor('ISO up to date', async () =>
      (await snapshot()).contexts.find((c) => c.path === ctx && c.iso === 'up-to-date'),
    );
    const routes = path.join(ctx, 'common', 'routes');
    fs.appendFileSync(routes, '# edited\n');
    // mtime granularity: make the edit strictly newer than the ISO
    const later = new Date(fs.statSync(iso).mtimeMs + 2000);
    fs.utimesSync(routes, later, later);
    const stale = await waitFor('ISO stale', async () =>
      (await snapshot()).contexts.find((c) => c.path === ctx && c.iso === 'stale'),
    );
    assert.deepEqual(stale.newerFiles, ['common/routes']);
  });

  it('snooze.buildIso refuses a folder with findings unless told to build anyway', async () => {
    const bad = inWorkspace('ctx', 'crlf');
    await vscode.commands.executeCommand('snooze.newContextFolder', { dir: bad, network: NETWORK });
    fs.writeFileSync(path.join(bad, 'post-install'), '#!/bin/sh\r\necho hi\r\n', { mode: 0o755 });
    assert.equal(await vscode.commands.executeCommand('snooze.buildIso', bad, { buildAnyway: false }), undefined);
    assert.ok(!fs.existsSync(`${bad}.iso`));
  });

  it('snooze.createDisk layers a qcow2 over a base image and refuses to overwrite', async function () {
    this.timeout(60000);
    fs.mkdirSync(inWorkspace('images'), { recursive: true });
    const base = inWorkspace('images', 'base.raw');
    execFileSync('qemu-img', ['create', '-q', '-f', 'raw', base, '16M']);
    const result = await vscode.commands.executeCommand<DiskResult>('snooze.createDisk', {
      base: 'images/base.raw',
      output: 'images/vm1.qcow2',
      backingPath: 'relative',
    });
    assert.ok(result, 'created');
    const out = inWorkspace('images', 'vm1.qcow2');
    const info = await qemuImgInfo(out);
    assert.equal(info.format, 'qcow2');
    assert.equal(info.backingFilename, './base.raw');
    assert.equal(info.backingFormat, 'raw');

    const original = fs.readFileSync(out);
    const refused = await vscode.commands.executeCommand('snooze.createDisk', vscode.Uri.file(base), {
      output: out,
      backingPath: 'absolute',
      overwrite: false,
    });
    assert.equal(refused, undefined);
    assert.ok(fs.readFileSync(out).equals(original), 'the disk is unchanged');

    const absolute = await vscode.commands.executeCommand<DiskResult>('snooze.createDisk', base, {
      output: out,
      backingPath: 'absolute',
      overwrite: true,
    });
    assert.equal(absolute?.storedBackingPath, base);
  });

  it('tree: disk images with their backing chain, a missing backing file flagged', async () => {
    const orphan = inWorkspace('images', 'orphan.qcow2');
    const gone = inWorkspace('images', 'gone.raw');
    execFileSync('qemu-img', ['create', '-q', '-f', 'raw', gone, '1M']);
    execFileSync('qemu-img', ['create', '-q', '-f', 'qcow2', '-b', gone, '-F', 'raw', orphan]);
    fs.rmSync(gone);
    const snap = await waitFor('images in the tree', async () => {
      const s = await snapshot();
      return s.images.some((i) => i.path === orphan) && s.images.some((i) => i.path.endsWith('vm1.qcow2'))
        ? s
        : undefined;
    });
    const vm1 = snap.images.find((i) => i.path === inWorkspace('images', 'vm1.qcow2'))!;
    assert.equal(vm1.format, 'qcow2');
    assert.equal(vm1.backingMissing, false);
    assert.deepEqual(
      vm1.chain.map((c) => [path.basename(c.path), c.format]),
      [['base.raw', 'raw']],
    );
    const broken = snap.images.find((i) => i.path === orphan)!;
    assert.equal(broken.backingMissing, true);
    assert.equal(broken.chain.length, 0);
  });

  it('snooze.prepareBaseImage writes the boot-time files', async () => {
    const written = await vscode.commands.executeCommand<string[]>('snooze.prepareBaseImage', {
      dir: 'base-image',
      open: false,
    });
    assert.deepEqual(written?.map((p) => path.basename(p)).sort(), [
      'README.md',
      'rc.local',
      'snooze-context',
      'snooze-context.service',
    ]);
    assert.ok(fs.statSync(inWorkspace('base-image', 'snooze-context')).mode & 0o111);
    assert.equal(
      await vscode.commands.executeCommand('snooze.prepareBaseImage', {
        dir: 'base-image',
        overwrite: false,
        open: false,
      }),
      undefined,
    );
  });
});

(mode === 'untrusted' ? describe : describe.skip)('workflow commands (restricted mode)', () => {
  it('snooze.buildIso refuses and creates no ISO', async () => {
    await api();
    const result = await vscode.commands.executeCommand('snooze.buildIso', {
      contextFolder: 'context/web1',
      overwrite: true,
      buildAnyway: true,
    });
    assert.equal(result, undefined);
    assert.ok(!fs.existsSync(inWorkspace('context', 'web1.iso')));
  });

  it('snooze.createDisk refuses and creates no disk', async () => {
    const base = inWorkspace('base.raw');
    fs.writeFileSync(base, Buffer.alloc(1024 * 1024));
    const result = await vscode.commands.executeCommand('snooze.createDisk', {
      base,
      output: 'vm.qcow2',
      backingPath: 'relative',
      overwrite: true,
    });
    assert.equal(result, undefined);
    assert.ok(!fs.existsSync(inWorkspace('vm.qcow2')));
  });

  it('still writes context folders (no tool runs for that)', async () => {
    const written = await vscode.commands.executeCommand<string[]>('snooze.newContextFolder', { dir: 'ctx/r1' });
    assert.equal(written?.length, 5);
  });
});
