import fs from 'node:fs';
import path from 'node:path';
import { compileRelaxNg, type CompiledRelaxNg } from './relaxng/compileRelaxNg.js';
import { provesValid } from './relaxng/treeValidator.js';
import type { SchemaValidator } from './schemaValidator.js';

/**
 * A folder's domain.rng compiled for validation by derivatives (relaxng/), which proves most templates valid in
 * a tenth of libxml2's time; undefined when the folder has no readable domain.rng or it uses a construct that
 * compiler does not support (libxml2 alone then, and it says what is wrong with the folder).
 */
export function compileDerivatives(directory: string): SchemaValidator['provesValid'] {
  let compiled: CompiledRelaxNg;
  try {
    compiled = compileRelaxNg((file) => fs.readFileSync(path.join(directory, file), 'utf8'), 'domain.rng');
  } catch {
    return undefined;
  }
  return (text, root) => provesValid(compiled, text, root);
}
