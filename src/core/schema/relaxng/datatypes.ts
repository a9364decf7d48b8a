import type { ValueCheck } from './patterns.js';
import { xsdRegex } from './xsdRegex.js';

export const XSD_DATATYPES = 'http://www.w3.org/2001/XMLSchema-datatypes';

export interface Param {
  readonly name: string;
  readonly value: string;
}

const never: ValueCheck = () => false;

/** XML Schema's whitespace collapse: runs of space, tab and line ends become one space, trimmed. */
const collapse = (value: string): string => value.replace(/[ \t\n\r]+/g, ' ').trim();

/** Inclusive ranges of XML Schema's integer types (undefined: unbounded). */
const INTEGER_RANGES: Record<string, readonly [bigint | undefined, bigint | undefined]> = {
  integer: [undefined, undefined],
  long: [-(2n ** 63n), 2n ** 63n - 1n],
  int: [-(2n ** 31n), 2n ** 31n - 1n],
  short: [-32768n, 32767n],
  byte: [-128n, 127n],
  nonNegativeInteger: [0n, undefined],
  positiveInteger: [1n, undefined],
  unsignedLong: [0n, 2n ** 64n - 1n],
  unsignedInt: [0n, 2n ** 32n - 1n],
  unsignedShort: [0n, 65535n],
  unsignedByte: [0n, 255n],
};

/**
 * The check of a `<data type>` with its facets. It answers true only where libxml2 certainly agrees; every
 * lexical form it is unsure of (signs, very long numerals, types it does not know) answers false, and the
 * template is then judged by libxml2 itself. So a wrong "false" costs time, never a wrong verdict.
 */
export function dataCheck(library: string, type: string, params: readonly Param[]): ValueCheck {
  if (library === '') {
    if (params.length > 0) return never;
    if (type === 'string') return () => true;
    if (type === 'token') return () => true;
    return never;
  }
  if (library !== XSD_DATATYPES) return never;
  if (type === 'string' || type === 'token') {
    const facets = stringFacets(params);
    if (!facets) return never;
    // A token with whitespace to collapse is left to libxml2 (as numbers are, below).
    return type === 'string' ? facets : (value) => value === collapse(value) && facets(value);
  }
  const range = INTEGER_RANGES[type];
  if (range) return integerCheck(range, params);
  if (params.length > 0) return never;
  if (type === 'NCName') return (value) => /^[A-Za-z_][A-Za-z0-9._-]*$/.test(value);
  if (type === 'boolean') return (value) => /^(true|false|1|0)$/.test(value);
  if (type === 'double' || type === 'float' || type === 'decimal') {
    const lexical =
      type === 'decimal' ? /^-?([0-9]+(\.[0-9]*)?|\.[0-9]+)$/ : /^-?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE]-?[0-9]+)?$/;
    return (v) => v.length <= 30 && lexical.test(v);
  }
  return never;
}

/** A `<value>`: equal to the expected one as its type compares (token: after collapse; string: exactly). */
export function valueCheck(library: string, type: string, expected: string): ValueCheck {
  if ((library === '' || library === XSD_DATATYPES) && type === 'token') {
    const want = collapse(expected);
    // Collapsing is needed only where there is whitespace: most values have none.
    return (value) => value === want || (/[ \t\n\r]/.test(value) && collapse(value) === want);
  }
  if ((library === '' || library === XSD_DATATYPES) && type === 'string') return (value) => value === expected;
  return never;
}

function stringFacets(params: readonly Param[]): ValueCheck | undefined {
  const checks: ValueCheck[] = [];
  for (const { name, value } of params) {
    if (name === 'pattern') {
      const regex = xsdRegex(value);
      if (!regex) return undefined;
      checks.push((v) => regex.test(v));
    } else if (name === 'length' || name === 'minLength' || name === 'maxLength') {
      if (!/^[0-9]{1,9}$/.test(value)) return undefined;
      const n = Number(value);
      const length = (v: string): number => [...v].length;
      checks.push(
        name === 'length'
          ? (v) => length(v) === n
          : name === 'minLength'
            ? (v) => length(v) >= n
            : (v) => length(v) <= n,
      );
    } else {
      return undefined;
    }
  }
  return (v) => checks.every((check) => check(v));
}

function integerCheck(
  [min, max]: readonly [bigint | undefined, bigint | undefined],
  params: readonly Param[],
): ValueCheck {
  const checks: ((n: bigint, lexical: string) => boolean)[] = [];
  for (const { name, value } of params) {
    const bound = /^-?[0-9]{1,20}$/.test(value.trim()) ? BigInt(value.trim()) : undefined;
    if (name === 'pattern') {
      const regex = xsdRegex(value);
      if (!regex) return never;
      checks.push((_, lexical) => regex.test(lexical));
    } else if (bound === undefined) {
      return never;
    } else if (name === 'minInclusive') checks.push((n) => n >= bound);
    else if (name === 'maxInclusive') checks.push((n) => n <= bound);
    else if (name === 'minExclusive') checks.push((n) => n > bound);
    else if (name === 'maxExclusive') checks.push((n) => n < bound);
    else return never;
  }
  const signed = min === undefined || min < 0n;
  // No '+', no '-' on unsigned types, at most 20 digits: the forms libxml2 surely reads as we do.
  const lexical = signed ? /^-?[0-9]{1,20}$/ : /^[0-9]{1,20}$/;
  // libxml2 refuses whitespace around a number in element content (`<vcpu> 1 </vcpu>`), which XML Schema's
  // collapse would allow: no whitespace at all is the form both accept.
  return (v) => {
    if (!lexical.test(v)) return false;
    const n = BigInt(v);
    if ((min !== undefined && n < min) || (max !== undefined && n > max)) return false;
    return checks.every((check) => check(n, v));
  };
}
