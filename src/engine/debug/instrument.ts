/**
 * Source instrumentation: rewrites a script or module so the debug kernel (debug.kernel.js) sees every statement,
 * call depth, return value, throw and `debugger;`, while the program behaves exactly as before.
 *
 * The rewrite only inserts text (plus a few keyword replacements) and never a line break, so lines keep their numbers.
 * The helpers it calls are non-enumerable globals the kernel defines; their names live in `HELPER` below and must
 * match the kernel. Cost model (measured in QuickJS 2025-09, release wasm): every executed opcode shows on a
 * call-heavy function (~5% each on fib), and a closure that merely *exists* in a function's text makes the
 * variables it captures slower on every call (~10% on fib), even if it is never created. So statements pass their
 * locals as a plain array of values, built only in the taken branch of the flag test, and get changed values back
 * by a destructuring assignment; the one closure per file (the file scope reader) runs once at top level.
 *
 * The public entry point; the parts live in `instrument/`, one concept a file: parsing (`parse.ts`), the names and
 * text shared with the kernel (`kernelNames.ts`), scope analysis (`scopes.ts`), locals readers (`readers.ts`),
 * line runs (`lineRuns.ts`), syntax questions (`syntax.ts`), the result types (`result.ts`), the walk
 * (`instrumenter.ts`) and what it places: statement hooks (`statementHooks.ts`), prologues (`prologues.ts`),
 * exception wrappers (`exceptionWrappers.ts`) and call sites (`callSites.ts`), sharing one `WalkContext`
 * (`walkContext.ts`).
 */
import { instrumentTree } from './instrument/instrumenter';
import { parseForInstrument } from './instrument/parse';
import type { InstrumentOptions, InstrumentResult } from './instrument/result';

export { HELPER, HELPER_PREFIX } from './instrument/kernelNames';
export { InstrumentSyntaxError } from './instrument/parse';
export type {
  CallInfo,
  FileScopeInfo,
  FunctionInfo,
  InstrumentOptions,
  InstrumentResult,
  ScopeLayout,
  StatementInfo,
} from './instrument/result';

/** Rewrites `source` with debug hooks; see the module comment. Throws InstrumentSyntaxError when it does not parse. */
export function instrument(source: string, options: InstrumentOptions): InstrumentResult {
  return instrumentTree(source, options, parseForInstrument(source, options));
}
