/**
 * The call stack and scopes of one stop: the kernel's stack text turned into frames in the files the user wrote,
 * which kernel depth each frame's locals may be read at (or why they cannot), the calls a step can enter, and the
 * paused exception. A `PausedStack` lives for one pause; its frame ids mean nothing after the resume.
 */
import { formatFrames, UNNAMED_FRAME } from '../runtime/stacks';
import type { DebugStackFrame, ExceptionDetails } from './api';
import { fileAt, type FileRegistry } from './fileRegistry';
import { CAPTURE_EXCEPTION, type PauseInfo } from './kernelBridge';

/** One frame of a stop, with what the kernel needs to find its locals. */
interface Frame {
  frame: DebugStackFrame;
  depth: number;
  /** The function name as the engine's stack gives it: matched against the name a caller's record was taken under. */
  raw: string;
}

/** A frame of a QuickJS stack text. */
export interface StackLine {
  name: string;
  file: string;
  line: number;
  column: number;
  native: boolean;
}

/** The frames of a QuickJS stack: `at name (file:line:col)`, `at name (native)` or `at file:line:col`. */
export function stackFrames(stack: string): StackLine[] {
  const out: StackLine[] = [];
  for (const raw of stack.split('\n')) {
    const m = /^\s*at (?:(.*?) \()?(.*?):(\d+):(\d+)\)?\s*$/.exec(raw);
    if (m) out.push({ name: m[1] ?? '', file: m[2], line: Number(m[3]), column: Number(m[4]), native: false });
    else {
      const n = /^\s*at (.*?) \((.*)\)\s*$/.exec(raw);
      if (n) out.push({ name: n[1], file: n[2], line: 0, column: 0, native: true });
    }
  }
  return out;
}

/**
 * Where an error reported by a wrapper's catch was thrown: the top frame of its own stack (QuickJS records the
 * failing operation's position) outside skipped files, when that frame is the one that caught it (`file`, same function name).
 * Positions are the running code's, as in a stack.
 */
export function thrownAt(files: FileRegistry, errorStack: string, file: string, name: string): [number, number] | undefined {
  // Frames in skipped files are passed over: the stop is in the first caller outside them (skipFiles).
  const top = stackFrames(errorStack).find((f) => !f.native && files.recordOf(f.file) && !files.skippedAt(f.file, f.line, f.column));
  if (!top || top.file !== file || top.name !== name) return undefined;
  return [top.line, top.column];
}

// With an exception filter on, every call records (within its budget), so an exception stop meets this note only
// for a file instrumented before the filter was turned on.
const NOTE_UNRECORDED =
  "this caller's locals were not recorded: its call does not lead, by name, to a function with a breakpoint or a " +
  '`debugger;` statement. Put a breakpoint in the function it calls, or step into the call from here, to see them.';
/** Why a caller whose call statement used up its recording budget (debug.kernel.js `record`) shows no locals. */
function noteSpent(budget: number, exception: boolean): string {
  // With an exception filter on, every call site records on a small budget: a record is a stack walk, and keeping
  // its hook on past the budget (storing only the values, no walk) measured 6-10x a plain run on call-heavy code.
  if (exception) {
    return (
      `locals not recorded: this call site ran more than ${budget.toLocaleString('en-US')} times since the last stop while ` +
      'an exception filter was on, and each caller records its locals only for its first runs (recording every call ' +
      'would slow the whole program several times). A breakpoint before the throw, or one on this line with a ' +
      'condition or hit count, shows them.'
    );
  }
  return (
    `this caller's locals were not recorded: its call ran ${budget.toLocaleString('en-US')} times without a stop, so ` +
    'recording there was switched off to keep the run fast. It resumes after this stop; a breakpoint hit sooner, or a ' +
    'step into the call, shows them.'
  );
}

/** The frames of one stop. */
export class PausedStack {
  readonly frames: Frame[];

  constructor(
    readonly stop: PauseInfo,
    private readonly files: FileRegistry,
  ) {
    this.frames = this.buildFrames(stop);
  }

  /** Frames `start` .. `start + levels` (all when `levels` is 0 or absent), and how many there are. */
  stackTrace(start = 0, levels?: number): { frames: DebugStackFrame[]; totalFrames: number } {
    const n = levels || this.frames.length;
    return { frames: this.frames.slice(start, start + n).map((f) => f.frame), totalFrames: this.frames.length };
  }

  private buildFrames(info: PauseInfo): Frame[] {
    const out: Frame[] = [];
    const maps = this.files.maps;
    let depth = info.depth;
    let first = true;
    for (const raw of info.stack.split('\n')) {
      const m = /^\s*at (?:(.*?) \()?(.*?):(\d+):(\d+)\)?\s*$/.exec(raw) ?? /^\s*at (.*?) \((.*)\)\s*$/.exec(raw);
      if (!m) continue;
      const file = m[2];
      if (file.startsWith('<quickjs-sandbox:') || file === 'native') continue;
      const rec = this.files.recordOf(file);
      // Depths count every script frame, shown or not, exactly as the kernel's stackDepth does. A package bundle that
      // runs without hooks (skipFiles) is no loaded file, but its frames are shown, in the package's files.
      if (!rec && !first && !this.files.unhookedFrame(file)) {
        depth--;
        continue;
      }
      let line = Number(m[3]) || 0;
      let column = Number(m[4]) || 0;
      const rawName = m[1] ?? '';
      let name = rawName;
      let shownFile = file;
      const at = first && info.catchSite ? thrownAt(this.files, info.exceptionStack ?? '', file, rawName) : undefined;
      if (at) [line, column] = at;
      if (first && info.fid >= 0 && info.sid >= 0 && !info.catchSite) {
        // The stopped statement's file is on the stack, so still registered (only returned eval code leaves).
        const rec0 = this.files.files[info.fid]!;
        const s = rec0.pos[info.sid];
        line = s.line;
        column = s.column;
        shownFile = fileAt(rec0, info.sid);
      } else if (maps?.map && line) {
        const p = maps.map(file, line, column);
        shownFile = p.file;
        line = p.line;
        column = p.column;
      } else if (rec && line) {
        // No map layers (in-thread use): the instrumenter's own mapper still gives original columns.
        ({ line, column } = rec.result.mapper.mapPosition(line, column));
      }
      // QuickJS names a script's top level `<eval>` (a module's `<anonymous>`), like code given to eval: only the latter
      // is not a loaded file.
      if (name === '<eval>') name = this.files.loaded(file) === rec ? UNNAMED_FRAME : '(eval)';
      out.push({ frame: { id: out.length, name: name || UNNAMED_FRAME, file: shownFile, line, column }, depth, raw: rawName });
      depth--;
      first = false;
    }
    if (!out.length && info.fid >= 0 && info.sid >= 0) {
      const rec0 = this.files.files[info.fid]!;
      const s = rec0.pos[info.sid];
      out.push({ frame: { id: 0, name: UNNAMED_FRAME, file: fileAt(rec0, info.sid), line: s.line, column: s.column }, depth: info.depth, raw: '' });
    }
    return out;
  }

  /** The loaded file a frame runs in (for its Script/Module scope), or -1. */
  fileOf(frameId: number | undefined): number {
    if (frameId === undefined) return -1;
    if (frameId === 0 && this.stop.fid >= 0) return this.stop.fid;
    const file = this.frames[frameId]?.frame.file;
    const id = file === undefined ? undefined : this.files.loaded(file)?.id;
    return id ?? -1;
  }

  /** The kernel depth of the top frame, whose locals are always recorded (-1 when the stop has no frame). */
  topDepth(): number {
    return this.frames[0]?.depth ?? -1;
  }

  /**
   * The kernel depth whose locals frame `frameId` may use, or -1 (its file's bindings only), with the reason shown
   * in its scopes when it has none. A caller's locals come from the last record taken at its depth; if that record
   * was taken in another function or at a statement that does not contain the caller's current line, it belongs to
   * an earlier call: no locals rather than stale ones.
   */
  localsOf(frameId: number | undefined): { depth: number; note: string } {
    const fr = frameId === undefined ? undefined : this.frames[frameId];
    if (!fr) return { depth: -1, note: '' };
    if (frameId === 0) return { depth: fr.depth, note: '' };
    const t = this.stop.trail.find((x) => x.depth === fr.depth);
    const s = t && this.files.files[t.fid]?.pos[t.sid];
    const f = fr.frame;
    if (t && s && t.name === fr.raw && fileAt(this.files.files[t.fid]!, t.sid) === f.file && f.line >= s.line && f.line <= s.endLine) return { depth: fr.depth, note: '' };
    // Frames outside the instrumented files (native code) have no locals to speak of.
    // A frame whose line is in a statement that used up its recording budget says so; others were never recorded.
    const spent = (this.stop.spent ?? []).find(([fid, sid]) => {
      const p = this.files.files[fid]?.pos[sid];
      return !!p && fileAt(this.files.files[fid]!, sid) === f.file && f.line >= p.line && f.line <= p.endLine;
    });
    const note = this.files.loaded(f.file) ? (spent ? noteSpent(spent[2], spent[3] === CAPTURE_EXCEPTION) : NOTE_UNRECORDED) : '';
    return { depth: -1, note };
  }

  /** The calls of the paused statement (top frame only): a step can enter one of them. Ids index the file's calls. */
  stepInTargets(frameId: number): Array<{ id: number; label: string }> {
    const s = this.stop;
    // An exception wrapper's catch site is no statement: its stop has no calls to enter.
    if (frameId !== 0 || s.fid < 0 || s.sid < 0 || s.catchSite) return [];
    const r = this.files.files[s.fid]!.result;
    const st = r.statements[s.sid];
    const out: Array<{ id: number; label: string }> = [];
    const seen = new Set<string>();
    r.calls.forEach((c, id) => {
      if (c.fn !== st.fn || c.line < st.line || c.line > st.endLine || (c.line === st.line && c.column < st.column)) return;
      // The same callee twice on a line is one target: the step stops in the first call that enters it.
      if (seen.has(c.label)) return;
      seen.add(c.label);
      out.push({ id, label: c.label });
    });
    return out;
  }

  /** The kernel's resume action for a step in, aimed at one call when `targetId` names one of the paused statement's. */
  stepInAction(targetId: unknown): string {
    if (typeof targetId !== 'number' || this.stop.fid < 0) return 'stepIn';
    const name = this.files.files[this.stop.fid]!.result.calls[targetId]?.name;
    return name ? `stepIn:${name}` : 'stepIn';
  }

  /** The exception this stop is at (the `exceptionInfo` request). */
  exceptionInfo(): ExceptionDetails {
    return exceptionDetails(this.stop, this.files);
  }
}

/** The exception of a stop, or the empty answer when nothing is paused. */
export function exceptionDetails(s: PauseInfo | undefined, files: FileRegistry): ExceptionDetails {
  return {
    exceptionId: s?.description?.split(':')[0] ?? 'Error',
    description: s?.description ?? '',
    breakMode: s?.uncaught ? 'unhandled' : 'always',
    stack: s?.exceptionStack ? mapStack(s.exceptionStack, files) : undefined,
  };
}

function mapStack(stack: string, files: FileRegistry): string {
  const maps = files.maps;
  // Rendered as uncaught errors are, so one exception reads the same in the exception widget and in the output.
  if (maps?.frames) return formatFrames(maps.frames(stack));
  if (!maps?.map) return stack;
  return stack.replace(/\(([^()]+):(\d+):(\d+)\)/g, (all, file: string, l: string, c: string) => {
    const p = maps.map!(file, Number(l), Number(c));
    return `(${p.file}:${p.line}:${p.column})`;
  });
}
