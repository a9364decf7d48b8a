// The one table from command id to handler (rust-analyzer's createCommands). Every handler takes its inputs
// as arguments too (documented at the top of each command's file), so tests, tasks and keybindings can run it.
import * as vscode from 'vscode';
import type { Snooze } from '../snooze.js';
import { COMMANDS, type CommandId } from './commandIds.js';
import { buildIso } from './buildIso.js';
import { createDisk } from './createDisk.js';
import { newContextFolder } from './newContextFolder.js';
import { newTemplate } from './newTemplate.js';
import { prepareBaseImage } from './prepareBaseImage.js';
import { openTemplate, refreshVms, revealInExplorer } from './vmsCommands.js';
import { convertToLf, disableRule, lintWorkspace } from './lintCommands.js';
import { mapLcFolder } from './mapLcFolder.js';
import { checkLocalControllers } from './checkLocalControllers.js';
import { testBootTemplate } from './testBootTemplate.js';

type Handler = (...args: unknown[]) => unknown;

function createCommands(snooze: Snooze): Record<CommandId, Handler> {
  return {
    [COMMANDS.lintWorkspace]: () => lintWorkspace(snooze),
    [COMMANDS.newTemplate]: (target) => newTemplate(snooze, target),
    [COMMANDS.newContextFolder]: (target) => newContextFolder(snooze, target),
    [COMMANDS.buildIso]: (target, options) => buildIso(snooze, target, options),
    [COMMANDS.createDisk]: (target, options) => createDisk(snooze, target, options),
    [COMMANDS.prepareBaseImage]: (target) => prepareBaseImage(snooze, target),
    [COMMANDS.refreshVms]: () => refreshVms(snooze),
    [COMMANDS.openTemplate]: (target) => openTemplate(target),
    [COMMANDS.revealInExplorer]: (target) => revealInExplorer(target),
    [COMMANDS.disableRule]: (target) => disableRule(snooze, target),
    [COMMANDS.convertToLf]: (uri) => convertToLf(uri),
    [COMMANDS.mapLcFolder]: (target) => mapLcFolder(snooze, target),
    [COMMANDS.checkLocalControllers]: (target) => checkLocalControllers(snooze, target),
    [COMMANDS.testBootTemplate]: (target) => testBootTemplate(snooze, target),
  };
}

/** Registers every command; an unexpected error (a full disk, a bug) is logged and shown, never lost. */
export function registerCommands(snooze: Snooze): vscode.Disposable {
  return vscode.Disposable.from(
    ...Object.entries(createCommands(snooze)).map(([id, handler]) =>
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        try {
          return await handler(...args);
        } catch (error) {
          snooze.log.error(`${id} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
          void vscode.window
            .showErrorMessage(
              `${id.replace('snooze.', 'Snooze: ')} failed: ${error instanceof Error ? error.message : String(error)}`,
              'Show Log',
            )
            .then((choice) => {
              if (choice) snooze.log.show(true);
            });
          return undefined;
        }
      }),
    ),
  );
}
