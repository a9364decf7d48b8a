import * as vscode from 'vscode';
import { schemaCompletionsAt } from '../../core/completion/schemaCompletion.js';
import { domainGrammar } from '../../core/schema/domainGrammar.js';
import type { Snooze } from '../snooze.js';

const KINDS = {
  element: vscode.CompletionItemKind.Property,
  attribute: vscode.CompletionItemKind.Field,
  value: vscode.CompletionItemKind.EnumMember,
} as const;

/**
 * Completion from libvirt's schema in domain templates: the child elements allowed after `<`, an element's
 * attributes, and an attribute's enumerated values (disk@device, target@bus, …), from the grammar table compiled
 * from domain.rng at build time (src/core/schema). Other XML files get nothing from it.
 */
export function registerSchemaCompletion(_snooze: Snooze): vscode.Disposable {
  const provider: vscode.CompletionItemProvider = {
    provideCompletionItems(document, position) {
      const grammar = domainGrammar();
      if (!grammar) return undefined;
      const text = document.getText();
      const found = schemaCompletionsAt(grammar, text, document.offsetAt(position));
      if (!found || found.items.length === 0) return undefined;
      const range = new vscode.Range(document.positionAt(found.start), position);
      return found.items.map((item) => {
        const completion = new vscode.CompletionItem(item.label, KINDS[item.kind]);
        completion.detail = `${item.detail} (libvirt schema)`;
        completion.range = range;
        // An attribute comes with its quotes, the cursor inside them, and the value list opens at once.
        if (item.kind === 'attribute') {
          completion.insertText = new vscode.SnippetString(`${item.label}='$1'`);
          completion.command = { command: 'editor.action.triggerSuggest', title: 'values' };
        }
        return completion;
      });
    },
  };
  return vscode.languages.registerCompletionItemProvider(
    { scheme: 'file', pattern: '**/*.xml' },
    provider,
    '<',
    ' ',
    "'",
    '"',
  );
}
