// The mocha runner inside the VS Code extension host (extensionTestsPath = out/vscode/index.cjs, bundled by
// scripts/build.mjs). VS Code calls run(); it loads every *.test.cjs under its own folder (bdd ui), runs them,
// and writes mocha's stats (plus the failed titles) to $SNOOZE_TEST_RESULT_FILE for scripts/run-vscode-tests.mjs.
// $SNOOZE_TEST_GREP filters tests by title, like mocha --grep.
import Mocha from 'mocha';
import fs from 'node:fs';
import path from 'node:path';

export interface InHostResult {
  tests: number;
  passes: number;
  failures: number;
  pending: number;
  duration: number;
  failed: { title: string; error: string }[];
}

function collect(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) return collect(p);
      return e.name.endsWith('.test.cjs') ? [p] : [];
    })
    .sort();
}

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 20000, color: false, reporter: 'spec' });
  if (process.env.SNOOZE_TEST_GREP) mocha.grep(process.env.SNOOZE_TEST_GREP);
  for (const f of collect(__dirname)) mocha.addFile(f);
  await mocha.loadFilesAsync();
  const failed: InHostResult['failed'] = [];
  const result = await new Promise<InHostResult>((resolve) => {
    const runner = mocha.run(() => {
      const s = runner.stats;
      resolve({
        tests: s?.tests ?? 0,
        passes: s?.passes ?? 0,
        failures: s?.failures ?? 0,
        pending: s?.pending ?? 0,
        duration: s?.duration ?? 0,
        failed,
      });
    });
    runner.on('fail', (test, err: unknown) => {
      failed.push({ title: test.fullTitle(), error: err instanceof Error ? err.message : String(err) });
    });
  });
  // Side channel for the harness: it does not depend on the workbench forwarding the console.
  if (process.env.SNOOZE_TEST_RESULT_FILE)
    fs.writeFileSync(process.env.SNOOZE_TEST_RESULT_FILE, JSON.stringify(result, null, 2));
  if (result.failures > 0) throw new Error(`${result.failures} test(s) failed`);
}
