// What both halves of the values share: the console in the globals kernel and the renderer in the values part
// (values.part.js), which each bundle their own copy: the output budget, mapping a stack's frames to original
// sources, indenting the lines of a text, and the text of the values that need no renderer.
import { ObjectIs, StrIndexOf, StrSlice } from '../shared/intrinsics.js';

/** Characters of output per console call or rendering: past it, the renderer truncates. */
export const BUDGET = 1 << 20;

/**
 * How the renderer writes a number, bigint, boolean, undefined or null (Node's util.inspect); undefined for any other
 * value. The console and a run's result use it without evaluating the renderer.
 */
export function plainText(v) {
  switch (typeof v) {
    case 'number': return ObjectIs(v, -0) ? '-0' : `${v}`;
    case 'bigint': return `${v}n`;
    case 'boolean': return v ? 'true' : 'false';
    case 'undefined': return 'undefined';
    default: return v === null ? 'null' : undefined;
  }
}

/**
 * How a stack's frames are mapped to original sources (`host.mapStack`: TypeScript, package bundles); without it
 * (a context with no host maps) stacks print as QuickJS wrote them. Called only when a stack is rendered, so a
 * program that prints none pays nothing.
 */
let hostMapStack;
export function useStackMapper(fn) {
  hostMapStack = typeof fn === 'function' ? fn : undefined;
}
/**
 * `stack` with its frames mapped; unchanged when there is no mapper or it fails (an unmapped stack beats none). With
 * `packagesOnly`, only the frames in package bundles: the rest are mapped when the text is rendered, and a frame
 * mapped twice would be read as a position in the transformed code (see globals/packageErrors.js).
 */
export function mapStack(stack, packagesOnly = false) {
  if (hostMapStack === undefined || stack === '') return stack;
  try {
    const mapped = hostMapStack(stack, packagesOnly);
    return typeof mapped === 'string' ? mapped : stack;
  } catch {
    return stack;
  }
}

export function indentLines(text, indent) {
  let out = '';
  let start = 0;
  for (;;) {
    const nl = StrIndexOf(text, '\n', start);
    if (nl < 0) return out + StrSlice(text, start);
    out += `${StrSlice(text, start, nl)}\n${indent}`;
    start = nl + 1;
  }
}
