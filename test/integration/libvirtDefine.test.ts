import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { applyFix, byRule, fixesOf, lintTexts } from '../helpers/templates.js';
import { tempDir } from '../helpers/realImages.js';

// The define-time rules held to the real libvirt: each defect fixture is given to `virsh define`, which must
// refuse it with the very message the rule quotes; the rule's own fix must make libvirt accept it. libvirt runs
// as a private session daemon (qemu:///session, as an unprivileged user when the tests run as root) in a
// temporary folder: nothing of the machine's own libvirt is used or changed. The templates say type='qemu'
// instead of 'kvm' so that the unprivileged daemon, which may not open /dev/kvm, accepts the rest.
const DEFECTS = path.resolve('test/fixtures/templates/defects');
const NOBODY = 65534;

describe('define-time rules against the real libvirt (virsh define, qemu:///session)', function () {
  this.timeout(180_000); // the daemon probes QEMU once, when it starts
  let home: string;

  const virsh = (...args: string[]) => {
    const env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: home,
      XDG_RUNTIME_DIR: path.join(home, 'run'),
      LC_ALL: 'C',
    };
    const [command, commandArgs] =
      process.getuid?.() === 0
        ? (['setpriv', [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', 'virsh', ...args]] as const)
        : (['virsh', args] as const);
    const result = spawnSync(command, [...commandArgs], { cwd: home, env, encoding: 'utf8' });
    if (result.error)
      throw new Error(`${command}: ${result.error.message} (CI installs libvirt-daemon and qemu-system-x86)`);
    return result;
  };

  /** Defines a template with a fresh name, then undefines it; libvirt's error text when it refuses. */
  const define = (name: string, text: string): { ok: boolean; stderr: string } => {
    const file = path.join(home, `${name}.xml`);
    fs.writeFileSync(file, text.replace(/<domain type='kvm'>/, "<domain type='qemu'>"), { mode: 0o644 });
    const result = virsh('-q', '-c', 'qemu:///session', 'define', file);
    if (result.status === 0) virsh('-q', '-c', 'qemu:///session', 'undefine', name);
    return { ok: result.status === 0, stderr: result.stderr };
  };

  before(() => {
    home = tempDir('libvirt-session');
    fs.mkdirSync(path.join(home, 'run'), { mode: 0o700 });
    if (process.getuid?.() === 0) for (const dir of [home, path.join(home, 'run')]) fs.chownSync(dir, NOBODY, NOBODY);
    const version = virsh('-c', 'qemu:///session', 'version');
    assert.equal(version.status, 0, `the session daemon did not start: ${version.stderr}`);
  });

  after(() => {
    // The daemon virsh started for this folder: stop it rather than leave it to its idle timeout.
    const pidFile = path.join(home, 'run/libvirt/libvirtd.pid');
    const pid = fs.existsSync(pidFile) ? Number(fs.readFileSync(pidFile, 'utf8').trim()) : NaN;
    if (Number.isInteger(pid) && pid > 0) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
    }
    fs.rmSync(home, { recursive: true, force: true });
  });

  for (const rule of ['pci-address-conflict', 'duplicate-controller-index', 'boot-order-conflict', 'ide-on-q35']) {
    it(`${rule}: libvirt refuses the fixture with the message the rule quotes, and accepts it once fixed`, () => {
      const text = fs.readFileSync(path.join(DEFECTS, `${rule}.xml`), 'utf8');
      const [finding] = byRule(lintTexts({ [`${rule}.xml`]: text }), rule);
      assert.ok(finding, `${rule} finds its fixture`);
      const quoted = /refuses it with "(.+)"$/.exec(finding.message)?.[1];
      assert.ok(quoted, `the message quotes libvirt: ${finding.message}`);
      const refused = define(rule, text);
      assert.equal(refused.ok, false, `libvirt accepted ${rule}.xml`);
      assert.ok(refused.stderr.includes(quoted), `libvirt said: ${refused.stderr.trim()}\nthe rule quotes: ${quoted}`);
      const [fix] = fixesOf(finding);
      assert.ok(fix, `${rule} offers a fix`);
      const fixed = define(rule, applyFix(text, fix));
      assert.equal(fixed.ok, true, `after "${fix.title}" libvirt still says: ${fixed.stderr.trim()}`);
    });
  }

  it('boot-order-conflict: libvirt refuses one boot order on two devices as the rule says', () => {
    const text = fs
      .readFileSync(path.join(DEFECTS, 'boot-order-conflict.xml'), 'utf8')
      .replace("    <boot dev='hd'/>\n", '')
      .replace("<target dev='sda' bus='sata'/>", "<target dev='sda' bus='sata'/>\n      <boot order='1'/>");
    const [finding] = byRule(lintTexts({ 'a.xml': text }), 'boot-order-conflict');
    const quoted = /refuses it with "(.+)"$/.exec(finding!.message)![1]!;
    assert.match(quoted, /boot order '1' used for more than one device/);
    assert.ok(define('boot-order-twice', text).stderr.includes(quoted));
  });

  it('what the rules accept, libvirt accepts: USB companions on one index, two functions of one slot, octal slots', () => {
    const text = fs
      .readFileSync(path.join(DEFECTS, 'pci-address-conflict.xml'), 'utf8')
      .replace(
        /(<interface[^]*?)<address type='pci'[^>]*\/>/,
        "$1<address type='pci' domain='0' bus='0' slot='010' function='1'/>",
      )
      .replace(
        /(<disk type='file' device='disk'>[^]*?)<address type='pci'[^>]*\/>/,
        "$1<address type='pci' bus='0' slot='0x08' function='0' multifunction='on'/>",
      )
      .replace(
        '  </devices>',
        "    <controller type='usb' index='0' model='ich9-ehci1'/>\n    <controller type='usb' index='0' model='ich9-uhci1'/>\n  </devices>",
      );
    const findings = lintTexts({ 'a.xml': text }).filter((f) =>
      ['pci-address-conflict', 'duplicate-controller-index'].includes(f.rule),
    );
    assert.deepEqual(
      findings.map((f) => f.message),
      [],
    );
    const result = define('accepted', text);
    assert.equal(result.ok, true, result.stderr);
    // And the same slot written in octal and hexadecimal, on one function: both refuse it.
    const clash = text.replace("slot='010' function='1'", "slot='010' function='0'");
    assert.match(byRule(lintTexts({ 'a.xml': clash }), 'pci-address-conflict')[0]?.message ?? '', /0000:00:08\.0/);
    assert.match(define('clash', clash).stderr, /Attempted double use of PCI Address 0000:00:08\.0/);
  });

  it('current-memory-above-memory: libvirt lowers currentMemory to memory without a word', () => {
    const text = fs
      .readFileSync(path.join(DEFECTS, 'current-memory-above-memory.xml'), 'utf8')
      .replace(/<domain type='kvm'>/, "<domain type='qemu'>");
    assert.equal(byRule(lintTexts({ 'a.xml': text }), 'current-memory-above-memory').length, 1);
    const file = path.join(home, 'memory.xml');
    fs.writeFileSync(file, text, { mode: 0o644 });
    assert.equal(virsh('-q', '-c', 'qemu:///session', 'define', file).status, 0, 'libvirt accepts it');
    const xml = virsh('-q', '-c', 'qemu:///session', 'dumpxml', 'current-memory-above-memory').stdout;
    virsh('-q', '-c', 'qemu:///session', 'undefine', 'current-memory-above-memory');
    assert.match(xml, /<currentMemory unit='KiB'>524288<\/currentMemory>/, 'the 1 GiB written became 512 MiB');
  });
});
