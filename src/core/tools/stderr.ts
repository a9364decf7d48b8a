// Tool stderr → short messages for people. The raw text stays available on ToolFailedError for the log.

export interface ParsedStderr {
  readonly errors: readonly string[];
  readonly warnings: readonly string[];
}

/** Paths to show differently: our temporary output file is an implementation detail, the user knows the target. */
export type PathAliases = ReadonlyMap<string, string>;

function withAliases(text: string, aliases: PathAliases | undefined): string {
  let result = text;
  for (const [from, to] of aliases ?? []) result = result.split(from).join(to);
  return result;
}

function lines(stderr: string): string[] {
  return stderr
    .split(/\r?\n|\r/)
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '');
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** `  45.67% done, estimate finish …` (genisoimage) or `xorriso : UPDATE :  11.02% done` → 45.67. */
export function parseProgressLine(line: string): number | undefined {
  const match = /(?:^|\s)(\d{1,3}(?:\.\d+)?)% done\b/.exec(line);
  if (!match) return undefined;
  const percent = Number(match[1]);
  return percent >= 0 && percent <= 100 ? percent : undefined;
}

// genisoimage/mkisofs print statistics and notes we never show.
const ISO_NOISE = [
  /% done/,
  /^I: /,
  /^Total (translation table|rockridge attributes|directory bytes)/,
  /^Path table size/,
  /^Max brk space used/,
  /extents written/,
  /^Using .* for /,
  /^xorriso .*: RockRidge filesystem manipulator/,
  /^(Drive|Media) (current|status|summary)/,
  /^Added to ISO image/,
  /^ISO image produced/,
  /^Written to medium/,
  /^Writing to .* completed successfully/,
  /^xorriso : (UPDATE|NOTE) :/,
  /^xorriso : aborting : -abort_on/,
];

/** Understands genisoimage, mkisofs and `xorriso -as mkisofs` stderr. */
export function parseIsoToolStderr(stderr: string, exitCode: number | undefined, aliases?: PathAliases): ParsedStderr {
  const errors: string[] = [];
  const warnings: string[] = [];
  const text = withAliases(stderr, aliases);
  let jolietCollision = false;
  for (const line of lines(text)) {
    let m: RegExpExecArray | null;
    if ((m = /^\S+: (.+?)\. Unable to open disc image file '(.*)'\.?$/.exec(line))) {
      errors.push(
        `Cannot write the ISO "${m[2]}": ${lowerFirst(m[1]!)}. Check that its folder exists and is writable.`,
      );
    } else if ((m = /^\S+: (.+?)\. Invalid node - '(.*)'\.?$/.exec(line))) {
      errors.push(`Cannot read "${m[2]}": ${lowerFirst(m[1]!)}.`);
    } else if ((m = /Error: (.+) and (.+) have the same Joliet name/.exec(line))) {
      jolietCollision = true;
      errors.push(
        `"${m[1]}" and "${m[2]}" have the same Joliet name: Joliet keeps only the first 64 characters of a name. ` +
          `Shorten one of them.`,
      );
    } else if (/Joliet tree sort failed/.test(line)) {
      if (!jolietCollision)
        errors.push(
          'Two names collide in the Joliet tree (Joliet keeps only 64 characters of a name). Shorten the long names.',
        );
    } else if (
      (m = /^\S+: Warning: (.*)$/.exec(line)) ||
      (m = /^(?:xorriso|libisofs|libburn) : WARNING : (.*)$/.exec(line))
    ) {
      warnings.push(m[1]!);
    } else if ((m = /Cannot determine attributes of source file '(.*)' : (.*)$/.exec(line))) {
      errors.push(`Cannot read "${m[1]}": ${lowerFirst(m[2]!)}.`);
    } else if (/Neither stdio-path nor its directory exist/.test(line)) {
      errors.push('Cannot write the ISO: its folder does not exist.');
    } else if ((m = /^libburn : SORRY : Failed to open device \(a pseudo-drive\) : (.*)$/.exec(line))) {
      errors.push(`Cannot write the ISO: ${lowerFirst(m[1]!)}. Check that its folder exists and is writable.`);
    } else if (/Cannot acquire drive|libburn indicates failure with writing/.test(line)) {
      if (errors.length === 0) errors.push('Cannot write the ISO file. Check that its folder exists and is writable.');
    } else if ((m = /^(?:xorriso|libisofs|libburn) : (?:FAILURE|SORRY|FATAL|ABORT) : (.*)$/.exec(line))) {
      errors.push(m[1]!);
    } else if ((m = /^\S+: (?:Error: )?(.*)$/.exec(line)) && /^(genisoimage|mkisofs):/.test(line)) {
      errors.push(m[1]!);
    } else if (!ISO_NOISE.some((pattern) => pattern.test(line)) && exitCode !== 0 && exitCode !== undefined) {
      errors.push(line.trim());
    }
  }
  if (exitCode !== 0 && errors.length === 0)
    errors.push(`The ISO builder exited with code ${exitCode ?? 'unknown'} without a message.`);
  return { errors: exitCode === 0 ? [] : dedupe(errors), warnings: dedupe(warnings) };
}

/** Understands qemu-img's `qemu-img: FILE: reason` lines and its follow-up notes. */
export function parseQemuImgStderr(stderr: string, exitCode: number | undefined, aliases?: PathAliases): ParsedStderr {
  const errors: string[] = [];
  const warnings: string[] = [];
  const all = lines(withAliases(stderr, aliases));
  const backingFailed = all.some((line) => /^Could not open backing image\.?$/.test(line));
  for (const line of all) {
    let m: RegExpExecArray | null;
    if (/^Could not open backing image\.?$/.test(line)) continue;
    if (/Backing file specified without backing format/.test(line)) {
      errors.push('qemu-img needs the base image format (-F): QEMU 7.2 refuses a backing file without it.');
    } else if (/Failed to get (?:shared )?"(?:write|consistent read)" lock/.test(line)) {
      errors.push('The image is in use by a running VM (QEMU holds a lock on it). Shut the VM down first.');
    } else if (/^Is another process using the image/.test(line)) {
      continue;
    } else if ((m = /Image is not in (\S+) format/.exec(line))) {
      errors.push(`${backingFailed ? 'The base image' : 'The image'} is not in ${m[1]} format.`);
    } else if ((m = /Could not create '(.+?)': (.+)$/.exec(line))) {
      errors.push(`Cannot create "${m[1]}": ${lowerFirst(m[2]!)}.`);
    } else if ((m = /Could not open '(.+?)': (?:Could not open '.+?': )?(.+)$/.exec(line))) {
      errors.push(`${backingFailed ? 'Cannot open the base image' : 'Cannot open'} "${m[1]}": ${lowerFirst(m[2]!)}.`);
    } else if ((m = /^qemu-img: warning: (.*)$/i.exec(line))) {
      warnings.push(m[1]!);
    } else if ((m = /^qemu-img: (?:\/[^:]*: )?(.*)$/.exec(line))) {
      errors.push(m[1]!);
    } else if (exitCode !== 0) {
      errors.push(line.trim());
    }
  }
  if (exitCode !== 0 && errors.length === 0)
    errors.push(`qemu-img exited with code ${exitCode ?? 'unknown'} without a message.`);
  return { errors: exitCode === 0 ? [] : dedupe(errors), warnings: dedupe(warnings) };
}

function dedupe(items: string[]): string[] {
  return [...new Set(items)];
}
