import * as vscode from 'vscode';
import type { Snooze } from '../snooze.js';

/** Inside `<source bridge='…` of an interface, before the closing quote. */
const IN_BRIDGE_VALUE = /<source\b[^<>]*\bbridge\s*=\s*(['"])([^'"<>]*)$/;

/** Offers the bridges the LCs have (the snooze.bridges of the file's folder) where a template names one. */
export function registerBridgeCompletion(snooze: Snooze): vscode.Disposable {
  const provider: vscode.CompletionItemProvider = {
    provideCompletionItems(document, position) {
      const before = document.getText(new vscode.Range(position.with(undefined, 0), position));
      const match = IN_BRIDGE_VALUE.exec(before);
      if (!match) return undefined;
      const typed = match[2]!;
      const range = new vscode.Range(position.translate(0, -typed.length), position);
      return snooze.settings.forFile(document.uri.fsPath).lint.bridges.map((bridge, i) => {
        const item = new vscode.CompletionItem(bridge, vscode.CompletionItemKind.Value);
        item.detail = 'bridge on the LCs (snooze.bridges)';
        item.range = range;
        item.sortText = String(i).padStart(4, '0');
        return item;
      });
    },
  };
  return vscode.languages.registerCompletionItemProvider({ scheme: 'file', pattern: '**/*.xml' }, provider, "'", '"');
}
