// The schema chunk: libxml2 compiled to WebAssembly (about 1 MB), bundled apart as dist/schema.mjs and
// imported on first use only (loadSchema.ts), so the extension's main bundle and its activation stay small.
import fs from 'node:fs';
import path from 'node:path';
import { RelaxNGValidator, XmlDocument, XmlLibError } from 'libxml2-wasm';
import { xmlRegisterFsInputProviders } from 'libxml2-wasm/lib/nodejs.mjs';
import type { SchemaIssue, SchemaValidator } from './schemaValidator.js';

let fsProvidersRegistered = false;

/** Compiles `directory/domain.rng` with the files it includes (read from the same folder by libxml2 itself). */
export function compileSchema(directory: string): SchemaValidator {
  if (!fsProvidersRegistered) {
    // domain.rng's <include href='…'> are resolved and read by libxml2 through these.
    xmlRegisterFsInputProviders();
    fsProvidersRegistered = true;
  }
  const rngPath = path.join(directory, 'domain.rng');
  const rng = XmlDocument.fromBuffer(fs.readFileSync(rngPath), { url: rngPath });
  let validator: RelaxNGValidator;
  try {
    validator = RelaxNGValidator.fromDoc(rng);
  } finally {
    rng.dispose();
  }
  return {
    directory,
    validate(text: string): SchemaIssue[] {
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
    },
  };
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
