// Test-Boot Template in the real extension host, on the guest image the guest suite leaves in its cache
// (test/guest publishes base.raw, vmlinuz and initrd.img): a template, its context folder and its COW disk made
// by the commands, booted by snooze.testBootTemplate. It must show the console, report post-install's result and
// the IP, and leave every file of the workspace byte-identical.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { publishedImageDir } from '../../guest/guestRoot.js';
import { ensureLibvirt, type LibvirtDaemons } from '../../guest/libvirtDaemon.js';
import { activate as api, inWorkspace, mode, readLog } from '../support/host.js';

interface TestBootResult {
  ok: boolean;
  message: string;
  outcome: string;
  console: string;
  notes: string[];
}
interface TemplateResult {
  file: string;
  name: string;
  ip: string;
  diskPath: string;
}

function hashTree(dir: string): Map<string, string> {
  const hashes = new Map<string, string>();
  const walk = (d: string): void => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile())
        hashes.set(
          p,
          `${createHash('sha256').update(fs.readFileSync(p)).digest('hex')} ${fs.statSync(p).mode} ${fs.statSync(p).uid}`,
        );
    }
  };
  walk(dir);
  return hashes;
}

(mode === 'trusted' ? describe : describe.skip)("Test-Boot Template on the guest suite's image", function () {
  this.timeout(1_800_000);
  const image = publishedImageDir();
  let daemons: LibvirtDaemons | undefined;

  before(async function () {
    const why =
      process.getuid?.() !== 0
        ? 'it needs root (qemu:///system)'
        : !fs.existsSync(path.join(image, 'base.raw'))
          ? `no guest image in ${image}: run the guest suite first (node scripts/test.mjs --guest)`
          : undefined;
    if (why) {
      console.log(`    Test-Boot in-host test skipped: ${why}`);
      this.skip();
    }
    daemons = await ensureLibvirt();
    await api();
  });
  after(async () => daemons?.stop());

  it('shows the console, reports post-install and the IP, and writes nothing in the workspace', async () => {
    const root = inWorkspace('testboot');
    const context = await vscode.commands.executeCommand<string[]>('snooze.newContextFolder', {
      dir: 'testboot/tb1',
      notify: false,
    });
    assert.ok(context, 'context folder scaffolded');
    const images = path.join(root, 'images');
    fs.mkdirSync(images, { recursive: true });
    // The LC folder is this one: no mapping needed; the template's bridge (virbr0) is absent here.
    const template = (await vscode.commands.executeCommand<TemplateResult>('snooze.newTemplate', {
      contextFolder: 'testboot/tb1',
      lcDir: images,
      dir: 'testboot',
      open: false,
    }))!;
    await vscode.commands.executeCommand('snooze.createDisk', {
      base: path.join(image, 'base.raw'),
      output: template.diskPath,
      backingPath: 'absolute',
    });
    assert.ok(fs.existsSync(template.diskPath), 'the COW disk exists');

    const folder = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
    const before = hashTree(folder);
    const result = (await vscode.commands.executeCommand<TestBootResult>('snooze.testBootTemplate', {
      template: template.file,
      kernel: path.join(image, 'vmlinuz'),
      initrd: path.join(image, 'initrd.img'),
      cmdline: 'root=/dev/vda rw console=ttyS0 quiet',
      timeLimitSeconds: 1200,
    }))!;
    assert.ok(result, `Test-Boot returned no result; the log ends:\n${readLog().slice(-1500)}`);
    assert.ok(
      vscode.window.terminals.some((t) => t.name === `Test-Boot: ${template.name}`),
      'the console terminal',
    );
    assert.match(result.console, /snooze: cd found \/dev\/sr0/);
    assert.equal(result.ok, true, `${result.message}\n${result.console.slice(-3000)}`);
    assert.equal(result.message, `post-install ran, enp1s0 = ${template.ip}/24`);
    assert.ok(
      result.notes.some((n) => /no bridge virbr0.*isolated/.test(n)),
      result.notes.join('\n'),
    );
    const after = hashTree(folder);
    assert.deepEqual(
      [...after.entries()].filter(([file, hash]) => before.get(file) !== hash),
      [],
      'no file changed or appeared',
    );
    assert.deepEqual(
      [...before.keys()].filter((file) => !after.has(file)),
      [],
      'no file disappeared',
    );
  });
});
