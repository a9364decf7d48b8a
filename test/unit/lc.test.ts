// The pieces of the LC checks that need no LC: the script's quoting (run by the real sh here), reading a
// reply, virsh capabilities (from the real virsh, with libvirt's embedded QEMU driver: no daemon needed), the
// ssh arguments, and the rule on machine types.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseCapabilities } from '../../src/core/lc/capabilities.js';
import type { LcCapabilities, ReachableLc } from '../../src/core/lc/lcFacts.js';
import { parseLcReply } from '../../src/core/lc/lcReply.js';
import { lcScript, octalLiteral } from '../../src/core/lc/lcScript.js';
import { controlDir, refusedHost, sshArgs } from '../../src/core/lc/sshCommand.js';
import { whatToCheck } from '../../src/core/lc/whatToCheck.js';
import { parseTemplateDocument } from '../../src/core/domain/templateDocument.js';
import { Linter } from '../../src/core/lint/linter.js';
import { DEFAULT_SETTINGS } from '../../src/core/settings/settings.js';
import { domainXml } from '../helpers/templates.js';

describe('LC checks: the pieces', () => {
  describe('the script', () => {
    it('decodes every path byte for byte in the real sh, whatever it holds, and runs nothing it names', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snooze-lcscript-'));
      try {
        const names = ['a b\'c"d', '$(touch INJECTED)', '`touch INJECTED`', 'x\ny', '-n', '%s%d\\n', 'ünï'];
        for (const name of names) fs.writeFileSync(path.join(dir, name), '');
        const request = {
          paths: [...names.map((n) => path.join(dir, n)), path.join(dir, 'absent'), dir],
          emulators: ['/bin/sh', path.join(dir, 'absent')],
        };
        const run = spawnSync('sh', ['-s'], { input: lcScript(request), encoding: 'utf8', cwd: dir });
        const facts = parseLcReply('here', request, run.stdout, 0) as ReachableLc;
        assert.ok(!('error' in facts), run.stdout + run.stderr);
        for (const name of names) assert.equal(facts.paths[path.join(dir, name)], 'file', JSON.stringify(name));
        assert.equal(facts.paths[path.join(dir, 'absent')], 'missing');
        assert.equal(facts.paths[dir], 'folder');
        assert.deepEqual(facts.emulators, { '/bin/sh': true, [path.join(dir, 'absent')]: false });
        assert.equal(fs.existsSync(path.join(dir, 'INJECTED')), false);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('writes paths as octal escapes only: no quote, $, backtick or newline of a path reaches the script', () => {
      assert.equal(octalLiteral("/a'$`\n"), "'\\057\\141\\047\\044\\140\\012'");
      assert.match(octalLiteral('/opt/ünï $(x)'), /^'(\\[0-7]{3})+'$/);
    });
  });

  describe('the reply', () => {
    const request = { paths: ['/a'], emulators: [] };
    it('is not trusted when cut short or missing', () => {
      assert.deepEqual(parseLcReply('lc1', request, 'snooze-lc 1\npath 0 file\n', 0), {
        error: 'the reply of the LC was cut short',
      });
      assert.match(
        (parseLcReply('lc1', request, 'Welcome!\n', 0) as { error: string }).error,
        /did not run the check script/,
      );
    });
    it('reads names in hex, so a banner before it and odd names do not matter', () => {
      const facts = parseLcReply(
        'lc1',
        request,
        `motd\nsnooze-lc 1\nbridge ${Buffer.from('br lab').toString('hex')}\npath 0 unreadable\nvirsh absent\nend\n`,
        5,
      ) as ReachableLc;
      assert.deepEqual(
        [facts.bridges, facts.paths, facts.checkedAt, facts.capabilities],
        [['br lab'], { '/a': 'unreadable' }, 5, undefined],
      );
    });
  });

  describe('ssh', () => {
    it('is given the host after --, in BatchMode, with a connect timeout, as an argument array', () => {
      const args = sshArgs('lc1', { configFile: '/tmp/cfg', connectTimeoutSeconds: 7 });
      assert.deepEqual(args.slice(0, 2), ['-F', '/tmp/cfg']);
      assert.ok(args.includes('BatchMode=yes') && args.includes('ConnectTimeout=7'));
      assert.deepEqual(args.slice(-4), ['--', 'lc1', 'sh', '-s']);
    });
    it('refuses host names ssh would read as options or a shell would interpret, and takes ordinary ones', () => {
      for (const bad of ['-oProxyCommand=x', 'a b', "a'b", 'a$(b)', 'a;b', 'a\nb', '', 'a`b`'])
        assert.ok(refusedHost(bad), JSON.stringify(bad));
      for (const good of ['lc1', 'lc-1.example.org', 'root@lc1', '10.0.0.1', 'fe80::1%eth0', '[::1]'])
        assert.equal(refusedHost(good), undefined, good);
    });
  });

  describe('virsh capabilities and lc-unsupported-machine', () => {
    let caps: LcCapabilities | undefined;
    before(function () {
      const root = fs.mkdtempSync(path.join(os.tmpdir(), 'snooze-virsh-'));
      try {
        const run = spawnSync('virsh', ['-c', `qemu:///embed?root=${root}`, 'capabilities'], {
          encoding: 'utf8',
          timeout: 30000,
        });
        caps = run.status === 0 ? parseCapabilities(run.stdout) : undefined;
        if (!caps) {
          console.log(
            `      (skipped: virsh with the embedded QEMU driver did not answer: ${(run.stderr || run.error?.message || '').trim()})`,
          );
          this.skip();
        }
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    });

    it("reads the real machine types and domain types of this machine's libvirt", () => {
      assert.ok(caps!.machines['x86_64']?.includes('pc'), JSON.stringify(caps!.machines['x86_64']));
      assert.ok(caps!.domainTypes['x86_64']?.includes('qemu'));
    });

    it('reports a machine type the LC does not have, naming it, and accepts one it has', () => {
      const lc: ReachableLc = {
        host: 'lc1',
        reachable: true,
        checkedAt: 0,
        bridges: ['virbr0'],
        paths: {},
        backing: {},
        emulators: {},
        capabilities: caps!,
      };
      const lint = (text: string): string[] => {
        const linter = new Linter(DEFAULT_SETTINGS);
        linter.lcFactsFor = () => [lc];
        return linter
          .lintDocument(parseTemplateDocument('/t/web1.xml', text))
          .filter((f) => f.rule === 'lc-unsupported-machine')
          .map((f) => f.message);
      };
      assert.deepEqual(lint(domainXml().replace("<domain type='kvm'>", "<domain type='qemu'>")), []);
      const [message] = lint(domainXml().replace("machine='pc'", "machine='pc-nonexistent-9.9'"));
      assert.match(message!, /^machine type pc-nonexistent-9\.9 is not supported on lc1 \(it has /);
      assert.match(
        lint(domainXml().replace("arch='x86_64'", "arch='s390x-nonexistent'"))[0]!,
        /^lc1 runs no s390x-nonexistent guests/,
      );
    });
  });

  it('asks about each absolute file path and emulator once, for all templates together', () => {
    const doc = (file: string) => {
      const d = parseTemplateDocument(
        '/t.xml',
        `<domain><devices><emulator>/usr/bin/kvm</emulator><disk type='file'><source file='${file}'/></disk><disk type='file'><source file='rel.img'/></disk></devices></domain>`,
      );
      if (d.kind !== 'template') throw new Error('not a template');
      return d.template;
    };
    assert.deepEqual(whatToCheck([doc('/b.img'), doc('/a.img'), doc('/a.img')]), {
      paths: ['/a.img', '/b.img'],
      emulators: ['/usr/bin/kvm'],
    });
  });
});

describe('LC checks: the folder of shared connections', () => {
  it('falls back to a shorter folder when the temporary folder would make socket paths too long for ssh', () => {
    const long = fs.mkdtempSync(path.join(os.tmpdir(), `snooze-${'x'.repeat(70)}-`));
    try {
      const dir = controlDir([long, os.tmpdir()]);
      assert.ok(dir && !dir.startsWith(long), dir);
      assert.equal(fs.statSync(dir).mode & 0o777, 0o700);
      assert.equal(controlDir([long]), undefined, 'no sharing rather than a socket ssh cannot bind');
    } finally {
      fs.rmSync(long, { recursive: true, force: true });
    }
  });
});

describe('LC checks: the facts cache', () => {
  it('asks again only the hosts never asked or asked about fewer paths, so new facts never start another round', async () => {
    const { LcFactsCache } = await import('../../src/core/lc/lcFactsCache.js');
    const cache = new LcFactsCache();
    let changes = 0;
    cache.onDidChange(() => changes++);
    const asked = { paths: ['/a'], emulators: [] };
    cache.set(
      [
        {
          host: 'lc1',
          reachable: true,
          checkedAt: 0,
          bridges: [],
          paths: { '/a': 'file' },
          backing: {},
          emulators: {},
        },
        { host: 'lc3', reachable: false, checkedAt: 0, error: 'down' },
      ],
      asked,
    );
    assert.deepEqual(cache.stale(['lc1', 'lc2', 'lc3'], asked), ['lc2']);
    assert.deepEqual(cache.stale(['lc1', 'lc3'], { paths: ['/a', '/b'], emulators: [] }), ['lc1', 'lc3']);
    assert.deepEqual(
      cache.factsOf(['lc3', 'lc2', 'lc1']).map((f) => f.host),
      ['lc3', 'lc1'],
    );
    cache.retain(['lc1']);
    assert.deepEqual(
      cache.all().map((f) => f.host),
      ['lc1'],
    );
    assert.equal(changes, 2);
  });
});
