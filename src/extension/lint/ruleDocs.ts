import * as vscode from 'vscode';
import { shippedReadmeName } from './readmeName.js';

/** The README shipped inside the extension: diagnostics link to its rule table, which works offline and over Remote-SSH. */
export function ruleDocsUri(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, shippedReadmeName(extensionUri.fsPath));
}
