// The manifest and the code agree: every contributed command is registered once the extension is active,
// every menu entry names a contributed command, every welcome-view button an existing one, and every view
// has a container.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, EXTENSION_ID } from './support/host.js';

interface Manifest {
  contributes: {
    snippets?: { language: string }[];
    commands: { command: string }[];
    menus: Record<string, { command: string }[]>;
    views: Record<string, { id: string; name: string }[]>;
    viewsContainers: Record<string, { id: string }[]>;
    viewsWelcome?: { view: string; contents: string }[];
  };
}

describe('manifest and code agree', () => {
  const manifest = () => vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as Manifest;

  it('registers every contributed command on activation', async () => {
    await activate();
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = manifest()
      .contributes.commands.map((c) => c.command)
      .filter((id) => !registered.has(id));
    assert.deepEqual(missing, []);
  });

  it('names only contributed commands in menus, and only existing ones in welcome buttons', async () => {
    const { commands, menus, viewsWelcome } = manifest().contributes;
    const registered = new Set(await vscode.commands.getCommands(true));
    const contributed = new Set(commands.map((c) => c.command));
    const inMenus = Object.entries(menus).flatMap(([menu, entries]) => entries.map((e) => `${menu}: ${e.command}`));
    assert.deepEqual(
      inMenus.filter((entry) => !contributed.has(entry.split(': ')[1]!)),
      [],
    );
    const buttons = (viewsWelcome ?? []).flatMap((w) =>
      [...w.contents.matchAll(/\(command:([\w.]+)\)/g)].map((m) => m[1]!),
    );
    assert.ok(buttons.length > 0, 'the Snooze view has welcome buttons');
    // A button may also run one of VS Code's own commands (Open Folder, when no folder is open).
    assert.deepEqual(
      buttons.filter((id) => !contributed.has(id) && !registered.has(id)),
      [],
    );
  });

  it('puts every view in a contributed container, and welcome content on a contributed view', () => {
    const { views, viewsContainers, viewsWelcome } = manifest().contributes;
    const containers = new Set(
      Object.values(viewsContainers)
        .flat()
        .map((c) => c.id),
    );
    for (const container of Object.keys(views)) {
      assert.ok(['explorer', 'scm', 'debug', 'test'].includes(container) || containers.has(container), container);
    }
    const viewIds = new Set(
      Object.values(views)
        .flat()
        .map((v) => v.id),
    );
    for (const welcome of viewsWelcome ?? []) assert.ok(viewIds.has(welcome.view), welcome.view);
  });

  it("names no view 'Explorer' (VS Code's own Explorer has that name)", () => {
    const names = Object.values(manifest().contributes.views)
      .flat()
      .map((v) => v.name);
    assert.deepEqual(
      names.filter((n) => /explorer/i.test(n)),
      [],
    );
  });

  it('contributes no snippet to every XML file (domain snippets come from a provider that knows templates)', () => {
    assert.deepEqual(
      (manifest().contributes.snippets ?? []).filter((s) => s.language === 'xml'),
      [],
    );
  });
});
