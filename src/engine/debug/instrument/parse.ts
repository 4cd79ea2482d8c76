/**
 * Parsing for the instrumenter: acorn's options, the syntax error it reports, and the line table that gives a node's
 * line and column from its offsets.
 */
import { Parser } from 'acorn';
import type { Node } from 'acorn';
import type { InstrumentOptions } from './result';

/** Thrown when the source does not parse; `line`/`column` are 1-based. */
export class InstrumentSyntaxError extends SyntaxError {
  constructor(message: string, readonly line: number, readonly column: number) {
    super(message);
    this.name = 'InstrumentSyntaxError';
  }
}

// Acorn nodes are loosely typed; the instrumenter reads fields by name.
export type AnyNode = Node & Record<string, any>;

/** Parses `source` as the instrumenter needs it. Throws InstrumentSyntaxError when it does not parse. */
export function parseForInstrument(source: string, options: InstrumentOptions): AnyNode {
  try {
    return Parser.parse(source, {
      ecmaVersion: 'latest',
      sourceType: options.sourceType,
      // Line/column objects on every node were a fifth of the parse and much of its garbage on a 1 MB file: the
      // instrumenter asks a LineTable instead, for the nodes it needs a position of.
      locations: false,
      allowHashBang: true,
      allowReturnOutsideFunction: false,
      allowSuperOutsideMethod: options.evalCode ?? false,
    }) as AnyNode;
  } catch (e: any) {
    const loc = e?.loc ?? { line: 1, column: 0 };
    throw new InstrumentSyntaxError(String(e?.message ?? e), loc.line, loc.column + 1);
  }
}

/** Line starts of one source text: 1-based lines and 0-based columns, as acorn's `loc` would give them. */
export class LineTable {
  private readonly starts = [0];

  constructor(source: string) {
    // Acorn's line terminators, so lines agree with what it would have put in `loc`.
    const breaks = /\r\n?|\n|\u2028|\u2029/g;
    for (let m = breaks.exec(source); m; m = breaks.exec(source)) this.starts.push(m.index + m[0].length);
  }

  /** The line and column of `offset`. */
  position(offset: number): { line: number; column: number } {
    const line = this.line(offset);
    return { line, column: offset - this.starts[line - 1] };
  }

  /** The 1-based line of `offset`. */
  line(offset: number): number {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  /** The 0-based column of `offset`. */
  column(offset: number): number {
    return offset - this.starts[this.line(offset) - 1];
  }
}
