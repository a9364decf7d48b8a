// The domain XML snippets, offered only where they belong: in a domain template, and (the whole-template
// snippet) in an empty XML file. Contributed through `contributes.snippets` they showed in every XML file
// (pom.xml, Ant builds, …), so they are served by this completion provider from the same snippet file.
import fs from 'node:fs';
import * as vscode from 'vscode';
import { looksLikeTemplate } from '../../core/domain/templateDocument.js';
import type { Snooze } from '../snooze.js';

interface SnippetDefinition {
  readonly prefix: string | readonly string[];
  readonly body: string | readonly string[];
  readonly description?: string;
}

interface Snippet {
  readonly name: string;
  readonly prefixes: readonly string[];
  readonly body: string;
  readonly description: string;
  /** A whole `<domain>`: for an empty file, not inside a template. */
  readonly wholeTemplate: boolean;
}

const SNIPPET_FILE = 'snippets/domain-xml.code-snippets';

export function registerTemplateSnippets(snooze: Snooze): vscode.Disposable {
  let snippets: readonly Snippet[] | undefined;
  const load = (): readonly Snippet[] =>
    (snippets ??= readSnippets(vscode.Uri.joinPath(snooze.context.extensionUri, SNIPPET_FILE).fsPath, snooze));
  const provider: vscode.CompletionItemProvider = {
    provideCompletionItems(document, position) {
      const text = document.getText();
      const blank = /^\s*(<\?xml[^>]*\?>\s*)?$/.test(text);
      if (!blank && !looksLikeTemplate(text)) return undefined;
      // Not inside a tag or an attribute value: a snippet inserts whole elements.
      const before = document.getText(
        new vscode.Range(new vscode.Position(Math.max(0, position.line - 50), 0), position),
      );
      if (before.lastIndexOf('<') > before.lastIndexOf('>')) return undefined;
      return load()
        .filter((s) => s.wholeTemplate === blank)
        .flatMap((s) =>
          s.prefixes.map((prefix) => {
            const item = new vscode.CompletionItem(
              { label: prefix, description: s.name },
              vscode.CompletionItemKind.Snippet,
            );
            item.insertText = new vscode.SnippetString(s.body);
            item.documentation = new vscode.MarkdownString(s.description).appendCodeblock(
              s.body.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, ''),
              'xml',
            );
            item.detail = 'Snooze snippet';
            return item;
          }),
        );
    },
  };
  // An untitled XML document too: that is where a new template starts.
  return vscode.languages.registerCompletionItemProvider(
    [{ language: 'xml' }, { scheme: 'file', pattern: '**/*.xml' }],
    provider,
  );
}

function readSnippets(file: string, snooze: Snooze): readonly Snippet[] {
  try {
    const definitions = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, SnippetDefinition>;
    return Object.entries(definitions).map(([name, d]) => {
      const body = typeof d.body === 'string' ? d.body : d.body.join('\n');
      return {
        name,
        prefixes: typeof d.prefix === 'string' ? [d.prefix] : d.prefix,
        body,
        description: d.description ?? name,
        wholeTemplate: body.trimStart().startsWith('<domain'),
      };
    });
  } catch (error) {
    snooze.log.error(`cannot read the snippets ${file}: ${(error as Error).message}`);
    return [];
  }
}
