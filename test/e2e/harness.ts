// UI (end-to-end) test helpers: a real VS Code workbench (the VS Code server from .vscode-host/, or with
// SNOOZE_VSCODE_HOST=latest the newest one from .vscode-host-latest/, + Debian's Chromium through
// playwright-core) with this repository loaded as the extension under development, on a temp copy of a fixture
// workspace.
//
// A UI test file is test/e2e/<name>.e2e.ts (compiled by tsc to out/test/e2e/<name>.e2e.js; scripts/test.mjs runs
// every one of them as its own Node process). It registers tests and then awaits run():
//
//   import assert from 'node:assert/strict';
//   import { test, run } from './harness.js';
//   test('opens a template', async ({ page, ui }) => {
//     await ui.openFile('templates/web1.xml');
//     assert.match(await ui.statusBarLanguage(), /XML/);
//   });
//   await run();                       // or run({ workspace: 'test/fixtures/other', trust: 'untrusted', settings: {...} })
//
// All tests of a file share one workbench (started once, in the order registered). A failing test leaves a
// screenshot in test-output/e2e/<VS Code version>/. run() prints `N passed, N failed`, writes { tests, passes, failures, pending }
// to $SNOOZE_E2E_RESULT_FILE (when set) and exits with the number of failures. SNOOZE_E2E_GREP filters by title.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';

export interface VsHost {
  page: Page;
  browser: Browser;
  authority: string;
  tmp: string;
  logFile: string;
  workbenchUrl(opts: {
    folder?: string;
    workspace?: string;
    extensionDevelopmentPath?: string;
    extensionTestsPath?: string;
  }): string;
  cleanup(): Promise<void>;
}
export interface RunOptions {
  /** Called with the temp workspace after the fixture is copied and before the workbench opens: files put
   *  there are listed from the start, without waiting on the file watcher. */
  prepare?: (workspace: string) => void;
  /** fixture folder, relative to the repository root; copied to a temp folder (default test/fixtures/workspace) */
  workspace?: string;
  /** a .code-workspace file inside that folder (relative to it): opens a multi-root workspace instead of the folder */
  workspaceFile?: string;
  /** false (default): workspace trust disabled; 'untrusted': trust enabled and the folder in restricted mode */
  trust?: false | 'untrusted';
  /** extra user settings */
  settings?: Record<string, unknown>;
  /** true (default): VS Code's smoke-test driver, which refuses modal dialogs; false: dialogs as a user sees them */
  testDriver?: boolean;
  /** extra environment for the server and the extension host */
  env?: Record<string, string>;
  /** per-test time limit, ms (default 60000) */
  timeout?: number;
}
export interface Ctx {
  page: Page;
  ui: Ui;
  host: VsHost;
  /** the temp copy of the fixture workspace that is open (edit or delete freely) */
  workspace: string;
  /** the repository root */
  root: string;
}
type TestFn = (ctx: Ctx) => Promise<void>;

/** Where screenshots go: one folder per VS Code version (scripts/vscode-host.mjs reads the same variable). */
const shotDir = (): string => path.join(root, 'test-output/e2e', process.env.SNOOZE_VSCODE_HOST || '1.100');

/** The repository root: the nearest folder above this file whose package.json is snooze-templates. */
export const root: string = (() => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, 'utf8')).name === 'snooze-templates') return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error('repository root not found');
    dir = up;
  }
})();

/** Small, proven workbench steps. Add more here when a second test needs them. */
export class Ui {
  constructor(
    readonly page: Page,
    readonly workspace: string,
  ) {}

  /** Focus the workbench (keyboard shortcuts go nowhere before a click). */
  async focus(): Promise<void> {
    await this.page.locator('.monaco-workbench .part.editor').click({ position: { x: 300, y: 200 } });
  }

  /** Quick Open (Ctrl+P) a workspace-relative file; waits for its tab and the editor text. */
  async openFile(rel: string): Promise<void> {
    const name = path.basename(rel);
    await this.focus();
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(rel);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
    await this.page.keyboard.press('Enter');
    await this.page.locator('.tabs-container .tab.active', { hasText: name }).waitFor();
    await this.page.locator('.monaco-editor .view-lines').first().waitFor();
  }

  /** Run a command by its palette title (F1, '>title', Enter). */
  async runCommand(title: string): Promise<void> {
    await this.focus();
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`>${title}`);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
    await this.page.keyboard.press('Enter');
  }

  /**
   * Resolves with `probe`'s value once it is truthy. It is checked again whenever the page's DOM under `scope`
   * changes or a file of the workspace changes: a test waits for a condition, never for a time; `timeoutMs`
   * only bounds a test that would hang (the error then says what was awaited).
   */
  async until<T>(
    what: string,
    probe: () => Promise<T | undefined | false> | T | undefined | false,
    opts: { scope?: string; timeoutMs?: number } = {},
  ): Promise<T> {
    const deadline = Date.now() + (opts.timeoutMs ?? 20000);
    for (;;) {
      // Watch first, then look: a change between the look and the watch would otherwise be missed.
      await this.page.evaluate(watchMutations, opts.scope ?? null);
      const watcher = fs.watch(this.workspace, { recursive: true });
      const fileChanged = new Promise<void>((resolve) => watcher.once('change', () => resolve()));
      let timer: NodeJS.Timeout | undefined;
      try {
        const value = await probe();
        if (value !== undefined && value !== false) return value;
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`timed out waiting for ${what}`);
        await Promise.race([
          this.page.evaluate(mutated),
          fileChanged,
          new Promise<void>((resolve) => {
            timer = setTimeout(resolve, left);
          }),
        ]);
      } finally {
        clearTimeout(timer);
        watcher.close();
      }
    }
  }

  /** Open the Problems panel and return its rows' aria-labels once `until` holds. */
  async problems(until: (rows: string[]) => boolean = (rows) => rows.length > 0, timeoutMs = 20000): Promise<string[]> {
    const panel = this.page.locator('.markers-panel');
    if (!(await panel.isVisible())) await this.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
    await panel.waitFor();
    let rows: string[] = [];
    try {
      return await this.until(
        'the Problems rows',
        async () => {
          rows = await this.page
            .locator('.markers-panel .monaco-list-row')
            .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') || e.textContent || ''));
          return until(rows) && rows;
        },
        { scope: '.markers-panel', timeoutMs },
      );
    } catch {
      return rows;
    }
  }

  /**
   * The notification whose text contains `text`, in the notification center (opened when it is not): a toast
   * hides itself after some seconds, sooner or later depending on the VS Code version and the machine's load;
   * the center keeps every notification, the newest expanded with its buttons. Close it with hideNotifications().
   */
  async notification(text: string): Promise<Locator> {
    const center = this.page.locator('.notifications-center');
    const item = center.locator('.notification-list-item', { hasText: text }).first();
    const bell = this.page.locator('[id="status.notifications"]'); // toggles the center in every version
    const count = (selector: string, hasText?: string): Promise<number> =>
      this.page.locator(selector, { hasText }).count();
    await this.until(`the notification "${text}" in the notification center`, async () => {
      if (await item.isVisible()) return true;
      // Open the center once the notification exists (as a toast, or the bell's dot), and again if the
      // workbench closed it (VS Code 1.139 does when an editor opens and takes the focus).
      const exists =
        (await count('.notification-toast', text)) + (await count('[id="status.notifications"] .codicon-bell-dot')) > 0;
      if (exists && !(await center.isVisible())) await bell.click();
      return false;
    });
    return item;
  }

  async hideNotifications(): Promise<void> {
    const center = this.page.locator('.notifications-center');
    if (await center.isVisible()) await this.page.locator('[id="status.notifications"]').click();
    await center.waitFor({ state: 'hidden' });
  }

  /** Waits until a workspace file satisfies `check` (exists, by default). */
  async file(
    what: string,
    file: string,
    check: (f: string) => boolean = (f) => fs.existsSync(f),
    timeoutMs = 20000,
  ): Promise<void> {
    await this.until(what, () => check(file), { timeoutMs });
  }

  /** The language shown in the status bar for the active editor (e.g. 'XML'). */
  async statusBarLanguage(): Promise<string> {
    const item = this.page.locator('[id="status.editor.mode"]').first();
    await item.waitFor();
    return (await item.textContent())?.trim() ?? '';
  }

  /** The rows of a view (in any side bar) by its pane title, e.g. ui.viewRows('Templates'). */
  async viewRows(paneTitle: string): Promise<string[]> {
    const pane = this.page.locator('.pane', { has: this.page.locator('.pane-header', { hasText: paneTitle }) });
    await pane.first().waitFor();
    return pane.first().locator('.monaco-list-row').allTextContents();
  }

  /** Screenshot into test-output/e2e/<VS Code version>/<name>.png; returns the path. */
  async screenshot(name: string): Promise<string> {
    const file = path.join(shotDir(), `${name.replace(/[^\w.-]+/g, '_')}.png`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await this.page.screenshot({ path: file });
    return file;
  }
}

// Run in the page. The project compiles without the DOM library: the page's globals, typed as far as needed.
interface Page$ {
  document: { querySelector(s: string): unknown; body: unknown };
  MutationObserver: new (callback: () => void) => {
    observe(target: unknown, options: object): void;
    disconnect(): void;
  };
  snoozeMutation?: Promise<void>;
}

/** Starts watching the DOM under `selector` (the whole page without one); `mutated` then awaits the next change. */
function watchMutations(selector: string | null): void {
  const page = globalThis as unknown as Page$;
  page.snoozeMutation = new Promise((resolve) => {
    const target = (selector && page.document.querySelector(selector)) || page.document.body;
    const observer = new page.MutationObserver(() => {
      observer.disconnect();
      resolve();
    });
    observer.observe(target, { subtree: true, childList: true, attributes: true, characterData: true });
  });
}

function mutated(): Promise<void> | undefined {
  return (globalThis as unknown as Page$).snoozeMutation;
}

const tests: { name: string; fn: TestFn; skip: boolean }[] = [];
export function test(name: string, fn: TestFn): void {
  tests.push({ name, fn, skip: false });
}
test.skip = (name: string, fn: TestFn): void => {
  tests.push({ name, fn, skip: true });
};

async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what}: timed out after ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Starts the workbench, runs the registered tests in order, reports, and exits the process. */
export async function run(opts: RunOptions = {}): Promise<never> {
  const file = path.basename(process.argv[1] ?? 'e2e').replace(/\.(m?js|ts)$/, '');
  const t0 = Date.now();
  const grep = process.env.SNOOZE_E2E_GREP ? new RegExp(process.env.SNOOZE_E2E_GREP) : null;
  const selected = tests.filter((t) => !grep || grep.test(t.name));
  const stats = { tests: 0, passes: 0, failures: 0, pending: 0, failed: [] as { title: string; error: string }[] };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'snooze-e2e-'));
  const workspace = path.join(tmp, 'workspace');
  fs.cpSync(path.resolve(root, opts.workspace ?? 'test/fixtures/workspace'), workspace, { recursive: true });
  opts.prepare?.(workspace);
  let host: VsHost | undefined;
  console.log(`  ${file}`);
  try {
    const { startVsHost } = (await import(pathToFileURL(path.join(root, 'scripts/vscode-host.mjs')).href)) as {
      startVsHost(o: object): Promise<VsHost>;
    };
    host = await startVsHost({
      tmpParent: tmp,
      trust: opts.trust ?? false,
      testDriver: opts.testDriver ?? true,
      settings: opts.settings ?? {},
      env: {
        SNOOZE_TEST_MODE: opts.trust === 'untrusted' ? 'untrusted' : 'trusted',
        SNOOZE_TEST_WORKSPACE: workspace,
        ...opts.env,
      },
    });
    const { page } = host;
    const target = opts.workspaceFile ? { workspace: path.join(workspace, opts.workspaceFile) } : { folder: workspace };
    await page.goto(host.workbenchUrl({ ...target, extensionDevelopmentPath: root }));
    await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60000 });
    const ctx: Ctx = { page, ui: new Ui(page, workspace), host, workspace, root };
    for (const t of selected) {
      if (t.skip) {
        stats.pending++;
        console.log(`    - ${t.name}`);
        continue;
      }
      stats.tests++;
      const s = Date.now();
      try {
        await withTimeout(t.fn(ctx), opts.timeout ?? 60000, t.name);
        stats.passes++;
        console.log(`    ✔ ${t.name} (${Date.now() - s}ms)`);
      } catch (e) {
        stats.failures++;
        const error = e instanceof Error ? (e.stack ?? e.message) : String(e);
        stats.failed.push({ title: t.name, error });
        const shot = await ctx.ui.screenshot(`${file}-${t.name}`).catch(() => '(no screenshot)');
        console.log(
          `    ✖ ${t.name}\n${error.replace(/^/gm, '        ')}\n        screenshot: ${path.relative(root, shot)}`,
        );
      }
    }
  } catch (e) {
    stats.failures++;
    stats.failed.push({ title: 'workbench', error: String(e instanceof Error ? e.stack : e) });
    console.log(`    ✖ could not start the workbench: ${e instanceof Error ? e.stack : e}`);
    fs.mkdirSync(shotDir(), { recursive: true });
    await host?.page.screenshot({ path: path.join(shotDir(), `${file}-startup.png`) }).catch(() => {});
  } finally {
    await host?.cleanup();
    fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
  }
  if (selected.length === 0 && stats.failures === 0) {
    stats.failures++;
    stats.failed.push({ title: file, error: 'no test registered' });
  }
  console.log(
    `  ${stats.passes} passed, ${stats.failures} failed${stats.pending ? `, ${stats.pending} skipped` : ''} (${((Date.now() - t0) / 1000).toFixed(1)}s)`,
  );
  if (process.env.SNOOZE_E2E_RESULT_FILE) {
    fs.mkdirSync(path.dirname(process.env.SNOOZE_E2E_RESULT_FILE), { recursive: true });
    fs.writeFileSync(process.env.SNOOZE_E2E_RESULT_FILE, JSON.stringify(stats, null, 2));
  }
  process.exit(Math.min(stats.failures, 100));
}
