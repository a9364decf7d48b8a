import * as vscode from 'vscode';
import { describeAt } from '../../core/hover/describeAt.js';
import { mapLcPath } from '../../core/settings/settings.js';
import { schemaHoverAt } from '../../core/completion/schemaHover.js';
import { domainGrammar } from '../../core/schema/domainGrammar.js';
import type { Snooze } from '../snooze.js';

/**
 * Hovers on a MAC (normalised form, the IP it gives) and on an image path (where it was looked for, what is
 * there); elsewhere, on an element or attribute name, what libvirt's schema says of it and its documentation.
 */
export function registerHover(snooze: Snooze): vscode.Disposable {
  const provider: vscode.HoverProvider = {
    provideHover(document, position) {
      const file = document.uri.fsPath;
      const parsed = snooze.templates.documents.get(file);
      // Only a parse of this very text has spans that match the position.
      if (!parsed || parsed.kind !== 'template' || parsed.text !== document.getText()) return undefined;
      const { pathMappings } = snooze.settings.forFile(file).lint;
      const probe = (lcPath: string) => snooze.linter.images.probe(mapLcPath(lcPath, pathMappings));
      const offset = document.offsetAt(position);
      const description =
        describeAt(parsed, offset, probe) ?? schemaHoverAt(parsed.template.root, parsed.text, offset, domainGrammar());
      if (!description) return undefined;
      const range = new vscode.Range(
        document.positionAt(description.span.start),
        document.positionAt(description.span.end),
      );
      return new vscode.Hover(new vscode.MarkdownString(description.lines.join('\n\n')), range);
    },
  };
  return vscode.languages.registerHoverProvider({ scheme: 'file', pattern: '**/*.xml' }, provider);
}
