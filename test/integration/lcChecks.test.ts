// Checks on the local controllers over real OpenSSH (Debian's sshd, throwaway keys, no TCP): two fake LCs that
// differ in bridges and files, and one that cannot be reached. See test/helpers/fakeLcs.ts.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/cli/main.js';
import { parseTemplateDocument } from '../../src/core/domain/templateDocument.js';
import { Linter } from '../../src/core/lint/linter.js';
import { LcGatherer } from '../../src/core/lc/lcGatherer.js';
import type { LcFacts, ReachableLc } from '../../src/core/lc/lcFacts.js';
import { whatToCheck } from '../../src/core/lc/whatToCheck.js';
import { DEFAULT_SETTINGS } from '../../src/core/settings/settings.js';
import { FakeLcs, fakeLcsUnavailable } from '../helpers/fakeLcs.js';
import { disk, domainXml, nic } from '../helpers/templates.js';
import { makeQcow2, tempDir } from '../helpers/realImages.js';

// Names a careless quoting would run: each would create MARKER in the folder the command runs in.
const MARKER = `snooze-injected-${process.pid}`;
const HOSTILE_NAMES = [
  `a b.iso`,
  `it's "quoted".iso`,
  `$(touch ${MARKER}).iso`,
  `\`touch ${MARKER}\`.iso`,
  `line\nbreak; touch ${MARKER}.iso`,
  `-rf --help.iso`,
  `%s %d \\0101.iso`,
  `ünïcødé.iso`,
];

function markerPlaces(extra: string[]): string[] {
  return [os.homedir(), process.cwd(), '/', ...extra].map((dir) => path.join(dir, MARKER));
}

describe('checks on the local controllers over real OpenSSH', function () {
  this.timeout(60000);
  let lcs: FakeLcs;
  let work: string;
  const iso = (): string => lcs.lcPath('cloud/context.iso');
  const image = (): string => lcs.lcPath('cloud/web1.qcow2');
  const emulator = (): string => lcs.lcPath('bin/qemu-kvm');
  const template = (name = 'web1', mac = '52:54:c0:a8:7a:05'): string =>
    domainXml({
      name,
      emulator: emulator(),
      devices: [
        disk(image(), { driver: 'qcow2' }),
        disk(iso(), { device: 'cdrom', target: 'hdc', bus: 'sata', readonly: true }),
        nic(mac, 'br-lab'),
      ].join('\n'),
    });

  before(function () {
    const why = fakeLcsUnavailable();
    if (why) {
      console.log(`      (skipped: ${why})`);
      this.skip();
    }
    lcs = new FakeLcs(
      [
        {
          name: 'lc1',
          bridges: ['br-lab', 'virbr0'],
          files: { 'cloud/context.iso': 'CD001', 'bin/qemu-kvm': '#!/bin/sh\n' },
          executables: ['bin/qemu-kvm'],
        },
        { name: 'lc2', bridges: ['virbr0'], files: {} },
      ],
      { unreachable: ['lc3'] },
    );
    // lc1: a disk with its backing file; lc2: the same disk, its backing file missing.
    makeQcow2(path.join(lcs.filesOf('lc1'), 'cloud', 'base.qcow2'));
    makeQcow2(path.join(lcs.filesOf('lc1'), 'cloud', 'web1.qcow2'), { path: 'base.qcow2', format: 'qcow2' });
    fs.mkdirSync(path.join(lcs.filesOf('lc2'), 'cloud'), { recursive: true });
    fs.copyFileSync(
      path.join(lcs.filesOf('lc1'), 'cloud', 'web1.qcow2'),
      path.join(lcs.filesOf('lc2'), 'cloud', 'web1.qcow2'),
    );
    for (const name of HOSTILE_NAMES) fs.writeFileSync(path.join(lcs.filesOf('lc1'), 'cloud', name), 'x');
  });
  beforeEach(() => {
    work = tempDir('lc-work');
  });
  afterEach(() => fs.rmSync(work, { recursive: true, force: true }));
  after(() => lcs?.dispose());

  const gather = (hosts: string[], text = template(), options = {}): Promise<LcFacts[]> => {
    const document = parseTemplateDocument('web1.xml', text);
    assert.equal(document.kind, 'template');
    return new LcGatherer({ configFile: lcs.sshConfig, ...options }).gather(hosts, whatToCheck([document.template]));
  };

  it('gathers each LC in one round trip: its bridges, which paths exist, the backing chain, the emulator', async () => {
    const [lc1, lc2] = (await gather(['lc1', 'lc2'])) as ReachableLc[];
    assert.equal(lc1!.reachable, true, JSON.stringify(lc1));
    assert.equal(lc2!.reachable, true, JSON.stringify(lc2));
    assert.deepEqual(lc1!.bridges, ['br-lab', 'virbr0']);
    assert.deepEqual(lc2!.bridges, ['virbr0']);
    assert.deepEqual(lc1!.paths, { [image()]: 'file', [iso()]: 'file' });
    assert.deepEqual(lc2!.paths, { [image()]: 'file', [iso()]: 'missing' });
    assert.deepEqual(lc1!.backing[image()], [
      { image: image(), name: 'base.qcow2', resolved: lcs.lcPath('cloud/base.qcow2'), state: 'file' },
    ]);
    assert.deepEqual(lc2!.backing[image()], [
      { image: image(), name: 'base.qcow2', resolved: lcs.lcPath('cloud/base.qcow2'), state: 'missing' },
    ]);
    assert.deepEqual(lc1!.emulators, { [emulator()]: true });
    assert.deepEqual(lc2!.emulators, { [emulator()]: false });
  });

  it('reports exactly what each LC lacks, naming it, and one warning for the LC that cannot be reached', async () => {
    const facts = await gather(['lc1', 'lc2', 'lc3']);
    const linter = new Linter(DEFAULT_SETTINGS);
    linter.lcFactsFor = () => facts;
    const findings = linter.lintDocument(parseTemplateDocument(path.join(work, 'web1.xml'), template()));
    assert.deepEqual(
      findings.map((f) => `${f.rule}: ${f.message}`).sort(),
      [
        `lc-missing-bridge: bridge br-lab exists on lc1, not on lc2`,
        `lc-missing-emulator: the emulator ${emulator()} is not on lc2 (or is not executable there)`,
        `lc-missing-file: the ISO ${iso()} is missing on lc2 (it is on lc1)`,
        `lc-missing-file: the backing file "base.qcow2" of ${image()} is missing on lc2 (looked for at ${lcs.lcPath('cloud/base.qcow2')}): qemu cannot open this disk there`,
        `lc-unreachable: the local controller lc3 could not be reached, so this template was not checked there: ${(facts[2] as { error: string }).error}`,
      ].sort(),
    );
    // The guesses made from this machine yield: the folder is not here, and snooze.bridges has no br-lab.
    for (const rule of [
      'unmapped-lc-folder',
      'unknown-bridge',
      'missing-iso',
      'missing-disk-image',
      'missing-emulator',
    ]) {
      assert.equal(findings.filter((f) => f.rule === rule).length, 0, rule);
    }
  });

  it('snooze-lint --lc lc1 --lc lc2 --lc lc3 --ssh-config FILE says the same, and the unreachable LC once for the run', () => {
    fs.writeFileSync(path.join(work, 'web1.xml'), template());
    fs.writeFileSync(
      path.join(work, 'web2.xml'),
      template('web2', '52:54:c0:a8:7a:06').replace(/web1\.qcow2/g, 'web1.qcow2'),
    );
    let out = '';
    let err = '';
    const code = runCli(
      ['--format', 'json', '--lc', 'lc1', '--lc', 'lc2', '--lc', 'lc3', '--ssh-config', lcs.sshConfig, work],
      {
        cwd: work,
        out: (t) => {
          out += t;
        },
        err: (t) => {
          err += t;
        },
        readStdin: () => '',
      },
    );
    assert.equal(code, 1, err);
    const findings = (JSON.parse(out) as { findings: { rule: string; message: string; file: string }[] }).findings;
    assert.equal(findings.filter((f) => f.rule === 'lc-unreachable').length, 1, 'one warning for lc3 in the whole run');
    for (const file of ['web1.xml', 'web2.xml']) {
      const of = findings.filter((f) => path.basename(f.file) === file).map((f) => f.message);
      assert.ok(of.includes(`the ISO ${iso()} is missing on lc2 (it is on lc1)`), of.join('\n'));
      assert.ok(of.includes('bridge br-lab exists on lc1, not on lc2'), of.join('\n'));
    }
    // Two templates writing one disk: the LC checks do not hide the rules on shared values.
    assert.ok(findings.some((f) => f.rule === 'shared-disk-image'));
  });

  it('passes hostile file names to the LC as data: each is found where it exists, and nothing they name runs', async () => {
    const paths = HOSTILE_NAMES.map((name) => lcs.lcPath(`cloud/${name}`));
    const text = domainXml({
      devices: paths
        .map((p, i) =>
          disk(p.replace(/&/g, '&amp;').replace(/'/g, '&apos;').replace(/</g, '&lt;'), {
            target: `vd${String.fromCharCode(97 + i)}`,
          }),
        )
        .join('\n'),
    });
    const document = parseTemplateDocument('hostile.xml', text);
    assert.equal(document.kind, 'template');
    assert.deepEqual(
      whatToCheck([document.template]).paths.slice().sort(),
      paths.slice().sort(),
      'the template carries the names as they are',
    );
    const [lc1, lc2] = (await gather(['lc1', 'lc2'], text)) as ReachableLc[];
    for (const p of paths) {
      assert.equal(lc1!.paths[p], 'file', JSON.stringify(p));
      assert.equal(lc2!.paths[p], 'missing', JSON.stringify(p));
    }
    for (const place of markerPlaces([lcs.dir, lcs.filesOf('lc1'), lcs.filesOf('lc2'), work]))
      assert.equal(fs.existsSync(place), false, place);
  });

  it('refuses hostile host names before ssh sees them: one unreachable LC each, and nothing they name runs', async () => {
    const hosts = [
      `-oProxyCommand=touch ${path.join(work, MARKER)}`,
      `lc1; touch ${MARKER}`,
      `$(touch ${MARKER})`,
      `lc1\ntouch ${MARKER}`,
      `lc 1`,
      `'lc1'`,
      '',
    ];
    const facts = await gather(hosts);
    assert.deepEqual(
      facts.map((f) => [f.host, f.reachable]),
      hosts.map((h) => [h, false]),
    );
    for (const f of facts) assert.match((f as { error: string }).error, /^refused: /);
    fs.writeFileSync(path.join(work, 'web1.xml'), template());
    let out = '';
    let err = '';
    const code = runCli([`--lc=${hosts[0]!}`, '--ssh-config', lcs.sshConfig, '--format', 'json', work], {
      cwd: work,
      out: (t) => {
        out += t;
      },
      err: (t) => {
        err += t;
      },
      readStdin: () => '',
    });
    assert.equal(code, 1, err); // unknown-bridge: with no LC answering, snooze.bridges is the fallback
    const findings = (JSON.parse(out) as { findings: { rule: string; message: string }[] }).findings;
    assert.deepEqual(
      findings.filter((f) => f.rule.startsWith('lc-')).map((f) => f.rule),
      ['lc-unreachable'],
    );
    assert.match(
      findings.find((f) => f.rule === 'lc-unreachable')!.message,
      /refused: .* is not a host name ssh may be given/,
    );
    for (const place of markerPlaces([work, lcs.dir])) assert.equal(fs.existsSync(place), false, place);
  });

  it('shares one connection per LC between refreshes, and closes it on request', async () => {
    const control = fs.mkdtempSync(path.join(os.tmpdir(), 'snooze-ctl-'));
    try {
      const gatherer = new LcGatherer({ configFile: lcs.sshConfig, controlDir: control });
      const document = parseTemplateDocument('web1.xml', template());
      if (document.kind !== 'template') assert.fail('not a template');
      const [first] = await gatherer.gather(['lc1'], whatToCheck([document.template]));
      assert.equal(first!.reachable, true, JSON.stringify(first));
      assert.equal(fs.readdirSync(control).length, 1, 'a master connection stays for the next refresh');
      const [second] = await gatherer.gather(['lc1'], whatToCheck([document.template]));
      assert.equal(second!.reachable, true);
      gatherer.closeSync(['lc1']);
      assert.deepEqual(fs.readdirSync(control), [], 'ssh -O exit removed the socket');
    } finally {
      fs.rmSync(control, { recursive: true, force: true });
    }
  });
});
