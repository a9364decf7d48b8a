import fs from 'node:fs';
import { decodeXmlBytes } from '../text/decodeXmlBytes.js';
import type { XmlSyntaxError } from '../xml/parseXml.js';

// Reading a template file in two halves: the bytes (system calls only, so another thread can do it: see
// src/cli/readAhead.ts), then the text, decoded as libxml2 decodes it.

/** Templates over this size are reported and skipped: real domain XML is a few kilobytes. */
export const MAX_TEMPLATE_BYTES = 20 * 1024 * 1024;

/** A template file's bytes, or why they could not be read. */
export type TemplateBytes = { readonly bytes: Uint8Array } | { readonly message: string; readonly ioError: boolean };

/** A template file's text, or why there is none (a message for the user: the CLI exits 2 for an ioError). */
export type TemplateText =
  | { readonly text: string; readonly undecodable?: XmlSyntaxError }
  | { readonly message: string; readonly ioError: boolean };

/**
 * Reads a template file's bytes, turning every odd case into a message instead of an exception. The bytes have
 * an ArrayBuffer of their own (never Node's shared pool), so they can be handed to another thread.
 */
export function readTemplateBytes(file: string): TemplateBytes {
  let fd: number | undefined;
  try {
    // Non-blocking: opening a FIFO for reading would otherwise wait forever for a writer.
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return { message: 'cannot read: not a regular file', ioError: true };
    if (stat.size > MAX_TEMPLATE_BYTES) {
      return {
        message: `skipped: ${(stat.size / 1024 / 1024).toFixed(1)} MB is too large for a domain template (limit ${MAX_TEMPLATE_BYTES / 1024 / 1024} MB)`,
        ioError: false,
      };
    }
    return { bytes: readAll(fd, stat.size) };
  } catch (error) {
    return { message: `cannot read: ${(error as Error).message}`, ioError: true };
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** The text of bytes read by readTemplateBytes (a message stays a message). */
export function templateText(read: TemplateBytes): TemplateText {
  if (!('bytes' in read)) return read;
  const { text, error } = decodeXmlBytes(read.bytes);
  return error ? { text, undecodable: error } : { text };
}

/** The file's bytes, as many as fstat said (a file still being written is read as it was then): one read. */
function readAll(fd: number, size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  let length = 0;
  while (length < size) {
    const read = fs.readSync(fd, bytes, length, size - length, null);
    if (read === 0) break;
    length += read;
  }
  return length === size ? bytes : bytes.subarray(0, length);
}
