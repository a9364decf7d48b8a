// The schema chunk: libxml2 compiled to WebAssembly (about 1 MB), bundled apart as dist/schema.mjs and
// imported on first use only (loadSchema.ts), so the extension's main bundle and its activation stay small.
import fs from 'node:fs';
import path from 'node:path';
import { RelaxNGValidator, XmlDocument, XmlLibError } from 'libxml2-wasm';
import { xmlRegisterFsInputProviders } from 'libxml2-wasm/lib/nodejs.mjs';
import { compileDerivatives } from './derivatives.js';
import type { SchemaIssue, SchemaValidator } from './schemaValidator.js';

let fsProvidersRegistered = false;

/**
 * Compiles `directory/domain.rng` with the files it includes: for validation by derivatives (relaxng/), which
 * proves most templates valid, and for libxml2, whose verdict and messages count for the others. libxml2's
 * compilation (about 70 ms) waits for the first template the derivatives cannot prove valid, so a run of valid
 * templates never pays it; without the derivatives it is done at once, and a schema it cannot use is told here.
 */
export function compileSchema(directory: string): SchemaValidator {
  const provesValid = compileDerivatives(directory);
  let validate = provesValid ? undefined : libxml2Validation(directory);
  return {
    directory,
    ...(provesValid ? { provesValid } : {}),
    validate: (text) => (validate ??= libxml2Validation(directory))(text),
  };
}

/** libxml2's validation against `directory/domain.rng`, compiled now (it throws when it cannot be). */
export function libxml2Validation(directory: string): (text: string) => SchemaIssue[] {
  const validator = compileLibxml2(directory);
  return (text) => {
    let doc: XmlDocument;
    try {
      doc = XmlDocument.fromString(text);
    } catch (error) {
      return issuesOf(error);
    }
    try {
      validator.validate(doc);
      return [];
    } catch (error) {
      return issuesOf(error);
    } finally {
      doc.dispose();
    }
  };
}

function compileLibxml2(directory: string): RelaxNGValidator {
  if (!fsProvidersRegistered) {
    // domain.rng's <include href='…'> are resolved and read by libxml2 through these.
    xmlRegisterFsInputProviders();
    fsProvidersRegistered = true;
  }
  const rngPath = path.join(directory, 'domain.rng');
  const rng = XmlDocument.fromBuffer(fs.readFileSync(rngPath), { url: rngPath });
  try {
    return RelaxNGValidator.fromDoc(rng);
  } catch (error) {
    throw new Error(`cannot compile ${rngPath}: ${error instanceof Error ? error.message.trim() : String(error)}`);
  } finally {
    rng.dispose();
  }
}

function issuesOf(error: unknown): SchemaIssue[] {
  if (error instanceof XmlLibError && error.details.length > 0) {
    return error.details.map((d) => ({
      message: d.message.trim(),
      line: d.line,
      ...(d.xpath ? { xpath: d.xpath } : {}),
    }));
  }
  return [{ message: error instanceof Error ? error.message.trim() : String(error), line: 0 }];
}
