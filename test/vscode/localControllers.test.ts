// Checks on the local controllers in the editor, against real OpenSSH: two fake LCs that differ in bridges
// and files, and one that cannot be reached (test/helpers/fakeLcs.ts). Trusted: the command asks them and the
// Problems panel names what each lacks; the VMs view shows each LC. Restricted Mode: nothing is run.
import * as assert from 'node:assert/strict';
import path from 'node:path';
import * as vscode from 'vscode';
import type { LcFacts } from '../../src/core/lc/lcFacts.js';
import { FakeLcs, fakeLcsUnavailable } from '../helpers/fakeLcs.js';
import { disk, domainXml, nic } from '../helpers/templates.js';
import {
  activate,
  mode,
  snapshot,
  snoozeDiagnostics,
  waitFor,
  waitForRule,
  writeWorkspaceFile,
} from './support/host.js';

describe('checks on the local controllers in the editor', function () {
  this.timeout(90000);
  let lcs: FakeLcs | undefined;
  const config = () => vscode.workspace.getConfiguration('snooze');
  let previous: { hosts: unknown; sshConfig: unknown } = { hosts: undefined, sshConfig: undefined };

  before(async function () {
    await activate();
    const why = fakeLcsUnavailable();
    if (why) {
      console.log(`    (skipped: ${why})`);
      this.skip();
    }
    lcs = new FakeLcs(
      [
        { name: 'lc1', bridges: ['br-lab', 'virbr0'], files: { 'cloud/vm9.iso': 'CD001', 'cloud/vm9.qcow2': 'x' } },
        { name: 'lc2', bridges: ['virbr0'], files: { 'cloud/vm9.qcow2': 'x' } },
      ],
      { unreachable: ['lc3'] },
    );
    previous = {
      hosts: config().inspect('localControllers')?.workspaceValue,
      sshConfig: config().inspect('sshConfig')?.workspaceValue,
    };
  });
  after(async () => {
    await config().update('localControllers', previous.hosts, vscode.ConfigurationTarget.Workspace);
    await config().update('sshConfig', previous.sshConfig, vscode.ConfigurationTarget.Workspace);
    lcs?.dispose();
  });

  const template = (): string =>
    domainXml({
      name: 'vm9',
      devices: [
        disk(lcs!.lcPath('cloud/vm9.qcow2'), { driver: 'raw' }),
        disk(lcs!.lcPath('cloud/vm9.iso'), { device: 'cdrom', target: 'hdc', bus: 'sata', readonly: true }),
        nic('52:54:c0:a8:7a:19', 'br-lab'),
      ].join('\n'),
    });

  (mode === 'trusted' ? it : it.skip)(
    'Check on the Local Controllers names what each LC lacks, one warning for the one it cannot reach, and the tree shows them',
    async () => {
      const uri = writeWorkspaceFile('lc-checks/vm9.xml', template());
      await waitForRule(uri, 'unmapped-lc-folder');
      await config().update('sshConfig', lcs!.sshConfig, vscode.ConfigurationTarget.Workspace);
      // No LC configured yet: the hosts given stand for the user's answer, and are written to the settings.
      const facts = await vscode.commands.executeCommand<LcFacts[]>('snooze.checkLocalControllers', {
        file: uri.fsPath,
        hosts: ['lc1', 'lc2', 'lc3'],
      });
      assert.deepEqual(config().get('localControllers'), ['lc1', 'lc2', 'lc3']);
      assert.deepEqual(
        facts?.map((f) => [f.host, f.reachable]),
        [
          ['lc1', true],
          ['lc2', true],
          ['lc3', false],
        ],
        JSON.stringify(facts),
      );
      const [bridge] = await waitForRule(uri, 'lc-missing-bridge');
      assert.equal(bridge!.message, 'bridge br-lab exists on lc1, not on lc2');
      assert.deepEqual(
        snoozeDiagnostics(uri, 'lc-missing-file').map((d) => d.message),
        [`the ISO ${lcs!.lcPath('cloud/vm9.iso')} is missing on lc2 (it is on lc1)`],
      );
      assert.equal(snoozeDiagnostics(uri, 'lc-unreachable').length, 1);
      assert.match(
        snoozeDiagnostics(uri, 'lc-unreachable')[0]!.message,
        /^the local controller lc3 could not be reached/,
      );
      // The guesses from this machine yield to what the LCs said.
      for (const rule of ['unmapped-lc-folder', 'unknown-bridge', 'missing-iso', 'missing-disk-image'])
        assert.deepEqual(snoozeDiagnostics(uri, rule), [], rule);
      const tree = await waitFor('the Local controllers section', async () => {
        const s = await snapshot();
        return s.lcs.length === 3 && s.lcs.every((n) => n.checkedAt !== undefined) ? s : undefined;
      });
      assert.deepEqual(
        tree.lcs.map((n) => [n.host, n.reachable, n.bridges]),
        [
          ['lc1', true, ['br-lab', 'virbr0']],
          ['lc2', true, ['virbr0']],
          ['lc3', false, []],
        ],
      );
      // lc2 lacks the ISO, not the disk (the workspace's other templates name paths no fake LC has).
      assert.ok(tree.lcs[1]!.missing.includes(lcs!.lcPath('cloud/vm9.iso')), tree.lcs[1]!.missing.join(', '));
      assert.ok(!tree.lcs[1]!.missing.includes(lcs!.lcPath('cloud/vm9.qcow2')));
      assert.ok(!tree.lcs[0]!.missing.includes(lcs!.lcPath('cloud/vm9.iso')));
      assert.equal(path.basename(uri.fsPath), 'vm9.xml');
    },
  );

  (mode === 'untrusted' ? it : it.skip)(
    'runs nothing in Restricted Mode, and ignores the LCs of the workspace settings',
    async () => {
      const uri = writeWorkspaceFile('lc-checks/vm9.xml', template());
      await config().update('localControllers', ['lc1', 'lc2'], vscode.ConfigurationTarget.Workspace);
      await config().update('sshConfig', lcs!.sshConfig, vscode.ConfigurationTarget.Workspace);
      const facts = await vscode.commands.executeCommand<LcFacts[] | undefined>('snooze.checkLocalControllers', {
        file: uri.fsPath,
      });
      assert.equal(facts, undefined);
      await waitForRule(uri, 'unmapped-lc-folder');
      for (const rule of ['lc-missing-bridge', 'lc-missing-file', 'lc-unreachable'])
        assert.deepEqual(snoozeDiagnostics(uri, rule), [], rule);
      assert.deepEqual((await snapshot()).lcs, [], 'restricted settings are not read: no LC is shown');
    },
  );
});
