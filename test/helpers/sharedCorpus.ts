import fs from 'node:fs';
import path from 'node:path';

/**
 * The shared corpus of real templates: beside the project (CI, the main checkout), or one level further up
 * from a worktree of it (worktrees sit one level deeper). Tests that need it skip, saying so, where it is absent.
 */
export const SHARED_CORPUS =
  ['../shared/corpus', '../../shared/corpus'].map((p) => path.resolve(p)).find((p) => fs.existsSync(p)) ??
  path.resolve('../shared/corpus');
