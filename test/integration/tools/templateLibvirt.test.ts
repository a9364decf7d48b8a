import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { buildTemplate } from '../../../src/core/template/buildTemplate.js';
import { SAMPLE_INPUT } from '../../fixtures/tools/templateInput.js';
import { makeTemp, removeTemp, requireTools } from './helpers.js';

describe("built templates pass libvirt's own schema (virt-xml-validate)", () => {
  let tmp: string;
  before(async () => {
    await requireTools('virt-xml-validate');
    tmp = await makeTemp('tpl');
  });
  after(async () => {
    await removeTemp(tmp);
  });

  for (const machine of ['q35', 'pc']) {
    it(`machine ${machine}`, async () => {
      const file = path.join(tmp, `${machine}.xml`);
      await writeFile(file, buildTemplate({ ...SAMPLE_INPUT, machine }));
      const result = await execa('virt-xml-validate', [file, 'domain'], { shell: false, reject: false });
      assert.equal(result.exitCode, 0, `${result.stdout}\n${result.stderr}`);
    });
  }
});
