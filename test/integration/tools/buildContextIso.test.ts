import assert from 'node:assert/strict';
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { execa } from 'execa';
import { buildContextIso } from '../../../src/core/tools/buildContextIso.js';
import { describeIsoTool, findIsoTool, findOnPath } from '../../../src/core/tools/discovery.js';
import type { IsoTool } from '../../../src/core/tools/discovery.js';
import {
  CancelledError,
  OutputExistsError,
  ToolFailedError,
  ToolMissingError,
  ToolPathError,
} from '../../../src/core/tools/errors.js';
import { defaultNetwork } from '../../../src/core/context/networkValues.js';
import { scaffoldContextFolder } from '../../../src/core/context/scaffold/scaffoldContextFolder.js';
import { HOSTILE_NAME, makeTemp, removeTemp, requireTools, sha256 } from './helpers.js';

async function isoinfo(...args: string[]): Promise<string> {
  return (await execa('isoinfo', args, { shell: false })).stdout;
}

/** `isoinfo -R -l` listing as path → permission string (`-rwxr-xr-x`), from the Rock Ridge attributes. */
async function isoModes(iso: string): Promise<Map<string, string>> {
  const modes = new Map<string, string>();
  let dir = '/';
  for (const line of (await isoinfo('-R', '-l', '-i', iso)).split('\n')) {
    const heading = /^Directory listing of (.*)$/.exec(line);
    if (heading) dir = heading[1]!;
    const entry = /^([-dl][-rwxsStT]{9})\s.*\]\s\s(.*?) ?$/.exec(line);
    if (entry && entry[2] !== '.' && entry[2] !== '..') modes.set(`${dir}${entry[2]}`, entry[1]!);
  }
  return modes;
}

async function partialFiles(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => name.endsWith('.partial'));
}

describe('buildContextIso (real ISO builders)', function () {
  this.timeout(120_000);
  let tmp: string;
  const tools: Record<string, IsoTool> = {};

  before(async () => {
    await requireTools('genisoimage', 'xorriso', 'isoinfo');
    tools['genisoimage'] = await describeIsoTool((await findOnPath('genisoimage', process.env['PATH'] ?? ''))!);
    tools['xorriso'] = await describeIsoTool((await findOnPath('xorriso', process.env['PATH'] ?? ''))!);
  });
  beforeEach(async () => {
    tmp = await makeTemp('iso');
  });
  afterEach(async () => {
    await removeTemp(tmp);
  });

  for (const kind of ['genisoimage', 'xorriso'] as const) {
    describe(`with ${kind}`, () => {
      it('builds a Rock Ridge + Joliet CD from a folder with a hostile name, keeping exec bits', async () => {
        const parent = path.join(tmp, HOSTILE_NAME);
        const context = path.join(parent, 'context');
        await scaffoldContextFolder(context, defaultNetwork());
        await writeFile(path.join(context, 'common', `notes ünïcødé "quoted" 'x'.txt`), 'hello\n');
        const output = path.join(parent, `out ${HOSTILE_NAME}.iso`);

        const result = await buildContextIso(context, output, { tool: tools[kind] });

        assert.equal(result.outputPath, output);
        assert.equal(result.tool.kind, 'xorriso' === kind ? 'xorriso' : 'genisoimage');
        assert.equal(result.fileCount, 6);
        assert.equal(result.sizeBytes, (await stat(output)).size);
        assert.ok(
          result.sizeBytes > 0 && result.sizeBytes % 2048 === 0,
          'an ISO is a whole number of 2048-byte sectors',
        );
        const tree = (await isoinfo('-R', '-f', '-i', output)).split('\n').sort();
        assert.deepEqual(tree, [
          '/common',
          '/common/hostname',
          '/common/network',
          `/common/notes ünïcødé "quoted" 'x'.txt`,
          '/common/routes',
          '/distributions',
          '/distributions/debian',
          '/distributions/debian/network',
          '/post-install',
        ]);
        const modes = await isoModes(output);
        assert.equal(modes.get('/post-install'), '-rwxr-xr-x');
        assert.equal(modes.get('/distributions/debian/network'), '-rwxr-xr-x');
        assert.equal(modes.get('/common/network'), '-rw-r--r--');
        assert.match(await isoinfo('-d', '-i', output), /Volume id: CONTEXT/);
        const joliet = await isoinfo('-J', '-f', '-i', output);
        assert.match(joliet, /\/post-install/);
        assert.deepEqual(await partialFiles(parent), []);
      });

      it('refuses to replace an existing ISO unless told to, and replaces it when told', async () => {
        const context = path.join(tmp, 'ctx');
        await mkdir(context);
        await writeFile(path.join(context, 'a'), 'first');
        const output = path.join(tmp, 'context.iso');
        await writeFile(output, 'previous ISO, must survive');
        const before = await sha256(output);

        await assert.rejects(buildContextIso(context, output, { tool: tools[kind] }), (error: unknown) => {
          assert.ok(error instanceof OutputExistsError);
          assert.equal(error.path, output);
          return true;
        });
        assert.equal(await sha256(output), before);

        await buildContextIso(context, output, { tool: tools[kind], overwrite: true });
        assert.notEqual(await sha256(output), before);
        assert.match(await isoinfo('-R', '-f', '-i', output), /^\/a$/m);
        assert.deepEqual(await partialFiles(tmp), []);
      });

      it('reports an output folder that cannot be written (a path under a regular file) and leaves nothing behind', async () => {
        // Tests run as root, so permission bits cannot make a folder unwritable; a path below a file fails for everyone.
        const context = path.join(tmp, 'ctx');
        await mkdir(context);
        await writeFile(path.join(context, 'a'), 'x');
        const blocker = path.join(tmp, 'not-a-folder');
        await writeFile(blocker, 'a file');
        await assert.rejects(
          buildContextIso(context, path.join(blocker, 'context.iso'), { tool: tools[kind] }),
          (error: unknown) => {
            assert.ok(error instanceof ToolFailedError, String(error));
            assert.ok(error.exitCode !== 0);
            assert.match(error.messages.join(' '), /not a directory/i);
            assert.match(error.messages.join(' '), /Cannot write the ISO/);
            assert.ok(error.stderr.length > 0, 'raw stderr is kept for the log');
            assert.doesNotMatch(error.messages.join(' '), /\.partial/, 'the temporary name is not shown');
            return true;
          },
        );
        assert.deepEqual((await readdir(tmp)).sort(), ['ctx', 'not-a-folder']);
      });
    });
  }

  it('explains a Joliet name collision (genisoimage fails on names equal in their first 64 characters)', async () => {
    const context = path.join(tmp, 'ctx');
    await mkdir(context);
    const stem = 'a'.repeat(70);
    await writeFile(path.join(context, `${stem}.txt`), '1');
    await writeFile(path.join(context, `${stem}.sh`), '2');
    const output = path.join(tmp, 'context.iso');
    await assert.rejects(buildContextIso(context, output, { tool: tools['genisoimage'] }), (error: unknown) => {
      assert.ok(error instanceof ToolFailedError);
      assert.match(error.messages.join(' '), /same Joliet name/);
      assert.match(error.stderr, /Joliet tree sort failed/);
      return true;
    });
    assert.deepEqual(await readdir(tmp), ['ctx']);
  });

  it('warns about names longer than Joliet keeps, when the build succeeds', async () => {
    const context = path.join(tmp, 'ctx');
    await mkdir(context);
    await writeFile(path.join(context, `${'b'.repeat(70)}.txt`), '1');
    const result = await buildContextIso(context, path.join(tmp, 'context.iso'), { tool: tools['xorriso'] });
    assert.equal(result.warnings.length, 1);
    assert.match(result.warnings[0]!, /longer than 64 characters/);
  });

  it('cancelled mid-build: the process is killed, the old ISO stays byte-identical, no temporary file remains', async function () {
    this.timeout(300_000);
    const context = path.join(tmp, 'big');
    await mkdir(context);
    // 384 MB of random (incompressible, non-sparse) data, so the build runs long enough to be cancelled.
    for (let i = 0; i < 6; i++) {
      const handle = await open(path.join(context, `blob${i}`), 'w');
      for (let chunk = 0; chunk < 8; chunk++) await handle.write(randomBytes(8 * 1024 * 1024));
      await handle.close();
    }
    const output = path.join(tmp, 'context.iso');
    const small = path.join(tmp, 'small');
    await mkdir(small);
    await writeFile(path.join(small, 'a'), 'old');
    await buildContextIso(small, output, { tool: tools['genisoimage'] });
    const before = await sha256(output);

    const controller = new AbortController();
    const progress: number[] = [];
    const started = Date.now();
    await assert.rejects(
      buildContextIso(context, output, {
        tool: tools['genisoimage'],
        overwrite: true,
        signal: controller.signal,
        onProgress: (percent) => {
          progress.push(percent);
          controller.abort();
        },
      }),
      (error: unknown) => error instanceof CancelledError,
    );
    assert.ok(progress.length >= 1, 'progress was reported before the cancel');
    assert.ok(progress[0]! < 100, `first progress ${progress[0]} is mid-build`);
    assert.ok(Date.now() - started < 60_000);
    assert.equal(await sha256(output), before);
    assert.deepEqual(await partialFiles(tmp), []);
  });

  it('reports progress as increasing percentages', async () => {
    const context = path.join(tmp, 'mid');
    await mkdir(context);
    await writeFile(path.join(context, 'blob'), randomBytes(40 * 1024 * 1024));
    const progress: number[] = [];
    await buildContextIso(context, path.join(tmp, 'context.iso'), {
      tool: tools['genisoimage'],
      onProgress: (p) => progress.push(p),
    });
    assert.ok(progress.length >= 3, `got ${progress.length} progress events`);
    assert.deepEqual(
      [...progress].sort((a, b) => a - b),
      progress,
    );
    assert.ok(progress.every((p) => p > 0 && p <= 100));
  });

  it('fails clearly when the tool is missing: a configured path that does not exist, or an empty PATH', async () => {
    await assert.rejects(findIsoTool(path.join(tmp, 'no-such-genisoimage')), (error: unknown) => {
      assert.ok(error instanceof ToolPathError);
      assert.equal(error.reason, 'missing');
      assert.match(error.message, /does not exist/);
      return true;
    });
    await assert.rejects(findIsoTool(undefined, { searchPath: '' }), (error: unknown) => {
      assert.ok(error instanceof ToolMissingError);
      assert.match(error.message, /apt install genisoimage/);
      assert.match(error.message, /dnf install/);
      return true;
    });
    const context = path.join(tmp, 'ctx');
    await mkdir(context);
    const gone: IsoTool = {
      kind: 'genisoimage',
      path: path.join(tmp, 'vanished-genisoimage'),
      prefixArgs: [],
      acceptsDoubleDash: true,
    };
    await assert.rejects(buildContextIso(context, path.join(tmp, 'o.iso'), { tool: gone }), (error: unknown) => {
      assert.ok(error instanceof ToolFailedError);
      assert.match(error.message, /Could not start/);
      return true;
    });
    assert.deepEqual(await readdir(tmp), ['ctx']);
  });
});
