// libvirt's scaled sizes (<memory unit='GiB'>2</memory>), read the way libvirt reads them (virScaleInteger), so
// that two sizes in different units compare as libvirt compares them.

const BINARY = 1024n;
const DECIMAL = 1000n;
const POWERS: Record<string, bigint> = { k: 1n, m: 2n, g: 3n, t: 4n, p: 5n, e: 6n };

/**
 * Bytes per unit: KiB when the unit is absent; case-insensitive; `b`/`byte`/`bytes`; one letter or `XiB` are
 * powers of 1024, `XB` powers of 1000. Undefined for a unit libvirt refuses ("unknown suffix").
 */
function unitScale(unit: string | undefined): bigint | undefined {
  if (unit === undefined || unit === '') return BINARY;
  const lower = unit.toLowerCase();
  if (lower === 'b' || lower === 'byte' || lower === 'bytes') return 1n;
  const power = POWERS[lower[0]!];
  if (power === undefined) return undefined;
  const rest = lower.slice(1);
  const base = rest === '' || rest === 'ib' ? BINARY : rest === 'b' ? DECIMAL : undefined;
  return base === undefined ? undefined : base ** power;
}

/** A size in KiB, rounded up as libvirt stores memory; undefined when libvirt would refuse the value or its unit. */
export function sizeInKiB(value: string, unit: string | undefined): bigint | undefined {
  const scale = unitScale(unit);
  if (scale === undefined || !/^\d+$/.test(value.trim())) return undefined;
  const bytes = BigInt(value.trim()) * scale;
  return (bytes + 1023n) / 1024n;
}
