// Typed failures of the tool runners: the editor and the CLI pick their reaction (install hint, confirm
// overwrite, silent cancel) from the class, and show `message` as is.

export type ToolName = 'genisoimage' | 'xorriso' | 'mkisofs' | 'qemu-img';

/** Which package brings a tool, so the message can say what to install. */
export interface PackageHint {
  readonly debian: string;
  readonly fedora: string;
}

export const TOOL_PACKAGES: Readonly<Record<'iso' | 'qemu-img', PackageHint>> = {
  iso: { debian: 'genisoimage (or xorriso)', fedora: 'genisoimage (or xorriso)' },
  'qemu-img': { debian: 'qemu-utils', fedora: 'qemu-img' },
};

/** No usable program was found on PATH. `tool` names what we looked for ('genisoimage' stands for any ISO builder). */
export class ToolMissingError extends Error {
  override readonly name = 'ToolMissingError';
  constructor(
    readonly tool: ToolName,
    readonly packages: PackageHint,
    readonly searched: readonly string[],
  ) {
    super(
      `${tool === 'qemu-img' ? 'qemu-img' : 'No ISO builder (genisoimage, xorriso or mkisofs)'} was found on PATH. ` +
        `Install it: Debian/Ubuntu: apt install ${packages.debian}; Fedora: dnf install ${packages.fedora}. ` +
        `Or set its full path in the settings.`,
    );
  }
}

/** The path the user configured for a tool cannot be run. */
export class ToolPathError extends Error {
  override readonly name = 'ToolPathError';
  constructor(
    readonly tool: ToolName,
    readonly path: string,
    readonly reason: 'missing' | 'not-a-file' | 'not-executable',
  ) {
    const why = { missing: 'does not exist', 'not-a-file': 'is not a file', 'not-executable': 'is not executable' }[
      reason
    ];
    super(`The configured ${tool} path "${path}" ${why}. Fix the setting, or clear it to search PATH.`);
  }
}

/** The output file is already there and the caller did not say it may be replaced (ask the user, then retry). */
export class OutputExistsError extends Error {
  override readonly name = 'OutputExistsError';
  constructor(readonly paths: readonly string[]) {
    super(
      paths.length === 1
        ? `"${paths[0]}" already exists; confirm to overwrite it.`
        : `These files already exist: ${paths.map((p) => `"${p}"`).join(', ')}; confirm to overwrite them.`,
    );
  }
  get path(): string {
    return this.paths[0] ?? '';
  }
}

/** The caller cancelled; the process was killed and partial output removed. */
export class CancelledError extends Error {
  override readonly name = 'CancelledError';
  constructor(readonly tool: ToolName) {
    super(`${tool} was cancelled; nothing was changed.`);
  }
}

/** The tool ran and failed. `messages` are for people; `stderr` is the raw text for the log. */
export class ToolFailedError extends Error {
  override readonly name = 'ToolFailedError';
  constructor(
    readonly tool: ToolName,
    readonly exitCode: number | undefined,
    readonly messages: readonly string[],
    readonly stderr: string,
    readonly args: readonly string[],
  ) {
    super(`${tool} failed${exitCode === undefined ? '' : ` (exit ${exitCode})`}: ${messages.join(' ')}`);
  }
}

/** Our own checks refused the request before any tool ran (bad volume id, output inside the input...). */
export class ToolInputError extends Error {
  override readonly name = 'ToolInputError';
}
