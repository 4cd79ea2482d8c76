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

/**
 * Catch prediction at a throw, from the frames' positions (no counting at run time): a frame catches when its
 * position is in a try block (with a catch clause) of its own function. A throw that leaves an async function
 * rejects its promise: caught only if the caller awaits the call inside a try (while the caller is still on the
 * stack), or, after the function resumed from an await, if the kernel's awaiting chain (`awaited`) ends in a try.
 * A Promise executor turns a throw into a rejection nothing handles yet.
 */
export function predictCaught(files: FileRegistry, q: CatchQuery): boolean {
  const frames = stackFrames(q.stack).filter((f) => !f.file.startsWith(KERNEL_FILE.slice(0, -1)));
  const at = thrownAt(files, q.errorStack, frames.find((f) => !f.native)?.file ?? '', frames.find((f) => !f.native)?.name ?? '');
  let first = true;
  for (let i = 0; i < frames.length; i++) {
    const f = frames[i];
    if (f.native) {
      if (f.name === 'Promise') return false;
      continue;
    }
    const rec = files.recordOf(f.file);
    if (!rec) continue;
    const [line, column] = first && at ? at : [f.line, f.column];
    first = false;
    const { fn, offset } = functionAt(rec, line, column);
    if (inRanges(rec.result.tries, fn, offset)) return true;
    const next = frames.slice(i + 1).find((c) => !c.native && files.recordOf(c.file));
    // A promise chain's callback run by a job, with a rejection handler further on in the chain.
    if (!next && fn >= 0 && rec.result.functions[fn].rejectionHandled) return true;
    if (fn < 0 || !rec.result.functions[fn].async) continue;
    if (!next) return !!q.asyncFrame && q.asyncFrame[0] === rec.id && q.asyncFrame[1] === fn && q.awaited === true;
    const caller = files.recordOf(next.file)!;
    const c = functionAt(caller, next.line, next.column);
    if (!inRanges(caller.result.awaits, c.fn, c.offset)) return false;
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
