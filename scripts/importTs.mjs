// Imports a TypeScript module of src/ from a build script: esbuild bundles it in memory, Node imports the
// bundle from a data: URL (nothing is written, and the script sees the same code the product runs).
import * as esbuild from 'esbuild';

export async function importTs(entryPoint, options = {}) {
  const result = await esbuild.build({
    entryPoints: [entryPoint],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
    ...options,
  });
  return import(`data:text/javascript;base64,${Buffer.from(result.outputFiles[0].text).toString('base64')}`);
}
