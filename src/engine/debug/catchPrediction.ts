/**
 * Whether a handler in the script will catch an exception being thrown, decided at the throw from the frames'
 * positions and the instrumenter's tables of try blocks and awaits (no counting at run time). The debug kernel asks
 * (`host.caught`) so that "uncaught exceptions" stops only where nothing catches.
 */
import type { FileRecord, FileRegistry } from './fileRegistry';
import { stackFrames, thrownAt } from './frames';
import { KERNEL_FILE, type CatchQuery } from './kernelBridge';

/** Line starts of each file's source, for offsets of stack positions. */
const lineStarts = new WeakMap<object, number[]>();

/** Whether `offset` is in one of function `fn`'s ranges (flat [fn, start, end] triples). */
function inRanges(ranges: number[], fn: number, offset: number): boolean {
  for (let i = 0; i < ranges.length; i += 3) if (ranges[i] === fn && ranges[i + 1] <= offset && offset < ranges[i + 2]) return true;
  return false;
}

/** Native frames that turn a throw in the code they call into the rejection of a promise they return. */
const PROMISE_MAKERS = new Set(['Promise', 'all', 'allSettled', 'any', 'race']);

/**
 * Catch prediction at a throw, from the frames' positions (no counting at run time): a frame catches when its
 * position is in a try block (with a catch clause) of its own function. A throw that leaves an async function or
 * an async generator's body, or reaches a Promise executor or combinator, rejects a promise instead: caught only if
 * the frame that made the call handles that promise (a rejection handler chained on the call, see `handled`) or
 * awaits it, and then as that frame's own position says. After an async function resumed from an await (no
 * caller on the stack), the kernel's awaiting chain (`awaited`) says whether an awaiting frame catches.
 */
export function predictCaught(files: FileRegistry, q: CatchQuery): boolean {
  const frames = stackFrames(q.stack).filter((f) => !f.file.startsWith(KERNEL_FILE.slice(0, -1)));
  const at = thrownAt(files, q.errorStack, frames.find((f) => !f.native)?.file ?? '', frames.find((f) => !f.native)?.name ?? '');
  // Code given to eval runs as `<input>`: the frame that reported the throw is in file `q.fid`.
  const recordAt = (f: { file: string }, first: boolean) => files.recordOf(f.file) ?? (first && q.fid !== undefined ? files.files[q.fid] : undefined);
  let first = true;
  let sawNative = false;
  // The throw has become the rejection of the promise that the next script frame's call returned.
  let rejects = false;
  for (let i = 0; i < frames.length; i++) {
    const f = frames[i];
    if (f.native) {
      if (PROMISE_MAKERS.has(f.name)) rejects = true;
      sawNative = true;
      continue;
    }
    const rec = recordAt(f, first);
    if (!rec) continue;
    const [line, column] = first && at ? at : [f.line, f.column];
    const wasFirst = first && !sawNative;
    first = false;
    const { fn, offset } = functionAt(rec, line, column);
    // Inside `import(x)`, from code it called (x's toString): the throw rejects the import's promise.
    if (!wasFirst && inRanges(rec.result.imports, fn, offset)) rejects = true;
    if (rejects) {
      if (inRanges(rec.result.handled, fn, offset)) return true;
      // Awaited: the await throws it again here.
      if (!inRanges(rec.result.awaits, fn, offset)) return false;
      rejects = false;
    }
    if (inRanges(rec.result.tries, fn, offset)) return true;
    const next = frames.slice(i + 1).find((c) => !c.native && files.recordOf(c.file));
    const info = fn >= 0 ? rec.result.functions[fn] : undefined;
    // A promise chain's callback run by a job, with a rejection handler further on in the chain.
    if (!next && info?.rejectionHandled) return true;
    // A module's evaluation, other than the entry's, runs for an import: what it throws at its top level rejects
    // that import (a dynamic one may handle it). Left uncaught, it ends the run and stops then (onUncaught).
    if (!next && fn < 0 && rec.module && rec.id !== files.entryId) return true;
    if (!info?.async && !(info?.asyncGenerator && offset >= info.bodyStart!)) continue;
    if (!next) return !!q.asyncFrame && q.asyncFrame[0] === rec.id && q.asyncFrame[1] === fn && q.awaited === true;
    rejects = true;
  }
  return false;
}

/** The innermost function of `rec` at a running-code position, and that position's offset in its source. */
function functionAt(rec: FileRecord, line: number, column: number): { fn: number; offset: number } {
  const p = rec.result.mapper.mapPosition(line, column);
  let starts = lineStarts.get(rec);
  if (!starts) {
    starts = [0];
    for (let i = rec.source.indexOf('\n'); i >= 0; i = rec.source.indexOf('\n', i + 1)) starts.push(i + 1);
    lineStarts.set(rec, starts);
  }
  const offset = (starts[p.line - 1] ?? 0) + p.column - 1;
  let fn = -1;
  const fns = rec.result.functions;
  for (let i = 0; i < fns.length; i++) if (fns[i].start <= offset && offset < fns[i].end && (fn < 0 || fns[i].start >= fns[fn].start)) fn = i;
  return { fn, offset };
}
