import type { SchemaValidator } from './schemaValidator.js';

const compiled = new Map<string, Promise<SchemaValidator>>();

/**
 * Compiles a folder's domain.rng once per process. The validator's code is imported here, on first use: the
 * bundles map this import to the separate chunk dist/schema.mjs (scripts/build.mjs), which holds libxml2's
 * WebAssembly. Rejects with a readable message when the folder has no usable domain.rng.
 */
export function loadSchema(directory: string): Promise<SchemaValidator> {
  let loading = compiled.get(directory);
  if (!loading) {
    loading = import('./libxml2Validator.js').then(({ compileSchema }) => {
      try {
        return compileSchema(directory);
      } catch (error) {
        throw new Error(
          `cannot compile ${directory}/domain.rng: ${error instanceof Error ? error.message.trim() : String(error)}`,
        );
      }
    });
    compiled.set(directory, loading);
  }
  return loading;
}

/**
 * The editor's view of one schema: nothing until it is compiled, so linting never waits for it; `ensure()`
 * starts compiling (once) and resolves when it is ready, and the caller then lints again.
 */
export class LazySchema {
  private validator: SchemaValidator | undefined;
  private loading: Promise<SchemaValidator> | undefined;
  private failure: string | undefined;

  constructor(readonly directory: string) {}

  /** The compiled validator, or undefined while it is loading (or failed to load). */
  get ready(): SchemaValidator | undefined {
    return this.validator;
  }

  get error(): string | undefined {
    return this.failure;
  }

  ensure(): Promise<SchemaValidator> {
    this.loading ??= loadSchema(this.directory).then(
      (validator) => (this.validator = validator),
      (error: unknown) => {
        this.failure = error instanceof Error ? error.message : String(error);
        throw error;
      },
    );
    return this.loading;
  }
}
