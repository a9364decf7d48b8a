// The schema chunk: libxml2 compiled to WebAssembly (about 1 MB), bundled apart as dist/schema.mjs and
// imported on first use only (loadSchema.ts), so the extension's main bundle and its activation stay small.
import fs from 'node:fs';
import path from 'node:path';
import { RelaxNGValidator, XmlDocument, XmlLibError } from 'libxml2-wasm';
import { xmlRegisterFsInputProviders } from 'libxml2-wasm/lib/nodejs.mjs';
import { compileRelaxNg, type CompiledRelaxNg } from './relaxng/compileRelaxNg.js';
import { provesValid } from './relaxng/treeValidator.js';
import type { SchemaIssue, SchemaValidator } from './schemaValidator.js';

let fsProvidersRegistered = false;

/**
 * Compiles `directory/domain.rng` with the files it includes: for validation by derivatives (relaxng/), which
 * proves most templates valid, and for libxml2, whose verdict and messages count for the others. libxml2's
 * compilation (about 70 ms) waits for the first template the derivatives cannot prove valid, so a run of valid
 * templates never pays it; without the derivatives it is done at once, and a schema it cannot use is told here.
 */
export function compileSchema(directory: string): SchemaValidator {
  const derivatives = compileDerivatives(directory);
  let libxml2 = derivatives ? undefined : compileLibxml2(directory);
  return {
    directory,
    ...(derivatives ? { provesValid: (text, root) => provesValid(derivatives, text, root) } : {}),
    validate(text: string): SchemaIssue[] {
      libxml2 ??= compileLibxml2(directory);
      let doc: XmlDocument;
      try {
        doc = XmlDocument.fromString(text);
      } catch (error) {
        return issuesOf(error);
      }
      try {
        libxml2.validate(doc);
        return [];
      } catch (error) {
        return issuesOf(error);
      } finally {
        doc.dispose();
      }
    },
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

/**
 * The same domain.rng compiled for our own validation by derivatives, which proves most templates valid in a
 * tenth of libxml2's time; undefined when it uses a construct that compiler does not support (libxml2 alone then).
 */
function compileDerivatives(directory: string): CompiledRelaxNg | undefined {
  try {
    return compileRelaxNg((file) => fs.readFileSync(path.join(directory, file), 'utf8'), 'domain.rng');
  } catch {
    return undefined;
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
