/**
 * Syntax checking by QuickJS itself: the document is compiled (never run) in a real engine, so the
 * error is the one the sandbox would raise, word for word.
 */
import type { QuickJSWASMModule, QuickJSRuntime } from 'quickjs-emscripten-core';

/** A syntax error as QuickJS reports it. Line is 1-based; column is 1-based in code points when QuickJS gives one. */
export interface QuickJSSyntaxError {
  name: string;
  message: string;
  line: number;
  column?: number;
  /** The input was too deeply nested: the engine's parser overflowed the host's stack. */
  tooDeep?: boolean;
}

/** What makes runtimes: a module instance, or a test wrapper that tracks leaks. */
export type RuntimeFactory = Pick<QuickJSWASMModule, 'newRuntime'>;

/** The message of a diagnostic for input that overflows the host stack while QuickJS parses it. */
export const tooDeepMessage = 'too deeply nested for QuickJS to parse';

/**
 * Compiles documents with QuickJS, one fresh runtime per check (a compiled module stays registered in its
 * context, so reusing one would grow without bound). A host exception out of wasm leaves the module
 * instance in an unknown state: it is dropped and the next check loads a new one.
 */
export class QuickJSSyntaxChecker {
  private instance: Promise<RuntimeFactory> | undefined;
  private readonly broken = new WeakSet<RuntimeFactory>();
  /** How many module instances were replaced after a host exception (for tests and logs). */
  replacedInstances = 0;

  constructor(private readonly load: () => Promise<RuntimeFactory>) {}

  /** The syntax error of `code`, or undefined when it compiles. */
  async check(code: string, filename: string, type: 'global' | 'module'): Promise<QuickJSSyntaxError | undefined> {
    let factory: RuntimeFactory;
    do {
      this.instance ??= this.load();
      const pending = this.instance;
      factory = await pending.catch((error: unknown) => {
        if (this.instance === pending) this.instance = undefined;
        throw error;
      });
      // Another check may have broken this instance while this one waited for it.
    } while (this.broken.has(factory));
    let outcome: { dumped: unknown } | undefined;
    try {
      outcome = compile(factory.newRuntime(), code, filename, type);
    } catch (error) {
      // The instance's memory and stack may be half-unwound: never touch it again, not even to dispose.
      this.broken.add(factory);
      this.instance = undefined;
      this.replacedInstances++;
      if (error instanceof RangeError) {
        const at = deepestNesting(code);
        return { name: 'SyntaxError', message: tooDeepMessage, line: at.line, column: at.column, tooDeep: true };
      }
      throw error;
    }
    return outcome && toSyntaxError(outcome.dumped, filename);
  }
}

/**
 * Compiles in a fresh context of `runtime` and disposes both, unless the engine throws out of wasm:
 * then nothing is disposed, because disposing would run more code in the broken instance.
 */
function compile(runtime: QuickJSRuntime, code: string, filename: string, type: 'global' | 'module'): { dumped: unknown } | undefined {
  const context = runtime.newContext();
  const result = context.evalCode(code, filename, { compileOnly: true, type });
  let outcome: { dumped: unknown } | undefined;
  if (result.error) {
    outcome = { dumped: context.dump(result.error) };
    result.error.dispose();
  } else {
    result.value.dispose();
  }
  context.dispose();
  runtime.dispose();
  return outcome;
}

function toSyntaxError(dumped: unknown, filename: string): QuickJSSyntaxError | undefined {
  const error = (typeof dumped === 'object' && dumped !== null ? dumped : { message: String(dumped) }) as {
    name?: unknown; message?: unknown; stack?: unknown; lineNumber?: unknown; fileName?: unknown;
  };
  const name = typeof error.name === 'string' ? error.name : 'Error';
  const message = typeof error.message === 'string' ? error.message : String(error.message);
  // Compiling a module also resolves its imports; with no loader installed that always fails, and it is
  // the sandbox's module loader, not the syntax, that decides whether an import resolves.
  if (name === 'ReferenceError' && message.startsWith('could not load module')) return undefined;
  if (typeof error.fileName === 'string' && error.fileName !== filename) return undefined;
  const stack = typeof error.stack === 'string' ? error.stack : '';
  const at = new RegExp(`${escapeRegExp(filename)}:(\\d+):(\\d+)`).exec(stack);
  const line = typeof error.lineNumber === 'number' ? error.lineNumber : at ? Number(at[1]) : 1;
  const column = at && Number(at[1]) === line ? Number(at[2]) : undefined;
  return { name, message, line, column };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Where brackets nest deepest: a hint for where to look, since the parser died without saying. */
function deepestNesting(code: string): { line: number; column: number } {
  let depth = 0;
  let best = 0;
  let line = 1;
  let column = 1;
  let bestAt = { line: 1, column: 1 };
  for (const char of code) {
    if (char === '(' || char === '[' || char === '{') {
      depth++;
      if (depth > best) {
        best = depth;
        bestAt = { line, column };
      }
    } else if (char === ')' || char === ']' || char === '}') {
      depth--;
    }
    if (char === '\n') {
      line++;
      column = 1;
    } else {
      column++;
    }
  }
  return bestAt;
}
