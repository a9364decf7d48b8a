import * as vscode from 'vscode';
import type { Finding, Severity } from '../../core/findings.js';
import type { Range } from '../../core/text/lineMap.js';
import { ruleAnchor } from './readmeName.js';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export function toRange(range: Range): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

/** A diagnostic whose code links to the rule's row in the README shipped with the extension (`#rule-<id>`). */
export function toDiagnostic(finding: Finding, ruleDocs: vscode.Uri): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toRange(finding.range), finding.message, SEVERITY[finding.severity]);
  diagnostic.source = 'snooze';
  diagnostic.code = { value: finding.rule, target: ruleDocs.with({ fragment: ruleAnchor(finding.rule) }) };
  if (finding.related) {
    diagnostic.relatedInformation = finding.related.map(
      (r) =>
        new vscode.DiagnosticRelatedInformation(
          new vscode.Location(vscode.Uri.file(r.file), toRange(r.range)),
          r.message,
        ),
    );
  }
  return diagnostic;
}

/** The rule id of one of our diagnostics, or undefined for anyone else's. */
export function ruleOf(diagnostic: vscode.Diagnostic): string | undefined {
  if (diagnostic.source !== 'snooze') return undefined;
  const code = diagnostic.code;
  return typeof code === 'object' ? String(code.value) : code === undefined ? undefined : String(code);
}

/** Whether a diagnostic shows this finding: what a code action request brings back is a copy, so compare by value. */
export function showsFinding(diagnostic: vscode.Diagnostic, finding: Finding): boolean {
  const r = diagnostic.range;
  return (
    ruleOf(diagnostic) === finding.rule &&
    diagnostic.message === finding.message &&
    r.start.line === finding.range.start.line &&
    r.start.character === finding.range.start.character &&
    r.end.line === finding.range.end.line &&
    r.end.character === finding.range.end.character
  );
}
