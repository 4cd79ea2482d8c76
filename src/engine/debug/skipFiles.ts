/**
 * The `skipFiles` launch attribute, read as VS Code's JavaScript debugger reads it: glob patterns over absolute
 * paths (`**` crosses folders), a `!` pattern takes files back out of the skipped set, and `<node_internals>` names
 * the Node built-in modules the sandbox bundles (buffer, events, util, ...), its counterpart of Node's own internals.
 * The shim of Node's globals (`process`, `Buffer`) injected into every bundle is always skipped: it is the sandbox's
 * glue, not code any package wrote.
 */
import picomatch from 'picomatch';
import { isNodeBuiltinsFile, nodeGlobalsInject } from '../runtime/nodeBuiltins';

const NODE_INTERNALS = '<node_internals>';

/** Whether a file is skipped under `patterns`; a matcher that skips nothing when there are none. */
export function skipMatcher(patterns: readonly string[]): (file: string) => boolean {
  const skip: string[] = [];
  const keep: string[] = [];
  let internals = false;
  let keepInternals = false;
  for (const raw of patterns) {
    const negated = raw.startsWith('!');
    const glob = (negated ? raw.slice(1) : raw).replace(/\\/g, '/');
    if (glob.startsWith(NODE_INTERNALS)) {
      // Only the whole set can be named: the built-ins' files have no meaningful path of their own.
      if (negated) keepInternals = true;
      else internals = true;
      continue;
    }
    (negated ? keep : skip).push(glob);
  }
  const glue = new Set(nodeGlobalsInject());
  if (!skip.length && !internals) return (file) => glue.has(file);
  const skips = skip.length ? picomatch(skip, { dot: true }) : () => false;
  const keeps = keep.length ? picomatch(keep, { dot: true }) : () => false;
  return (file) => {
    if (glue.has(file)) return true;
    if (isNodeBuiltinsFile(file)) return internals && !keepInternals;
    const p = file.replace(/\\/g, '/');
    return skips(p) && !keeps(p);
  };
}
