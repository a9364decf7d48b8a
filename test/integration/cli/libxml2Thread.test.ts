import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { libxml2OnThread } from '../../../src/cli/libxml2Thread.js';
import { bundledSchemaDirectory } from '../../../src/core/schema/schemaDirectory.js';
import { tempDir } from '../../helpers/realImages.js';
import { domainXml } from '../../helpers/templates.js';

// The command line's libxml2 runs on a thread started when a template first needs it, and answers
// synchronously (the lint does not await): the same issues as libxml2 here, in order, and a clear error when it
// cannot compile the schema.
describe('libxml2 on a thread of its own (snooze-lint)', function () {
  this.timeout(60_000);

  it('answers each text in turn, valid or not, as libxml2 does', () => {
    const validate = libxml2OnThread(bundledSchemaDirectory());
    assert.ok(validate, 'the worker file is built beside the module (tsc output or dist/)');
    const valid = domainXml({});
    const misspelt = valid.replace('<memory', '<memmory').replace('</memory>', '</memmory>');
    assert.deepEqual(validate(valid), []);
    for (let i = 0; i < 20; i++) {
      assert.notDeepEqual(validate(misspelt), [], `call ${i}`);
      assert.deepEqual(validate(valid), [], `call ${i}`);
    }
  });

  it('says why when libxml2 cannot compile the folder, and keeps saying it', () => {
    const dir = tempDir('libxml2-thread');
    try {
      fs.writeFileSync(
        path.join(dir, 'domain.rng'),
        '<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start><ref name="missing"/></start></grammar>',
      );
      const validate = libxml2OnThread(dir)!;
      assert.throws(() => validate(domainXml({})), /domain\.rng/);
      assert.throws(() => validate(domainXml({})), /domain\.rng/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
