// Offsets are UTF-16 code-unit indexes into the document text: the same unit VS Code's positions use,
// so a range computed here maps 1:1 onto an editor range.

/** A half-open slice [start, end) of a document's text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** Zero-based line and character, as the editor counts them. */
export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** Converts offsets to line/character positions in O(log lines), after one O(n) scan for line starts. */
export class LineMap {
  private readonly lineStarts: number[];

  constructor(text: string) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: offset - this.lineStarts[low]! };
  }

  offsetAt(position: Position): number {
    const line = Math.min(Math.max(position.line, 0), this.lineStarts.length - 1);
    return this.lineStarts[line]! + Math.max(position.character, 0);
  }

  rangeOf(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }
}

/** A range covering the start of a file: used where a finding has no better place (a missing element, a binary file). */
export const FILE_START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
