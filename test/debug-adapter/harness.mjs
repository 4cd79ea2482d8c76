// Drives the real standalone adapter (node dist/debug-adapter.js) over stdio with DebugClient,
// the way nvim-dap or VS Code would, and records events so tests can look back at them.
import { DebugClient } from '@vscode/debugadapter-testsupport';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const root = join(here, '..', '..');
export const adapterPath = join(root, 'dist', 'debug-adapter.js');
export const fixtures = join(here, 'fixtures');

/** Absolute path of a fixture program. */
export function fixture(name) {
  return join(fixtures, name);
}

/** Starts an adapter process; returns the client plus recorders of its output and events. */
export async function startAdapter() {
  if (!existsSync(adapterPath)) throw new Error(`${adapterPath} is missing: run "node esbuild.mjs" first`);
  const dc = new DebugClient('node', adapterPath, 'quickjs-sandbox', { cwd: fixtures }, false);
  dc.defaultTimeout = 60_000; // a loaded machine can take seconds per request; a hang still fails
  const outputs = [];
  const events = [];
  dc.on('output', (e) => outputs.push(e.body));
  for (const name of ['stopped', 'continued', 'exited', 'terminated', 'breakpoint', 'loadedSource', 'initialized']) {
    dc.on(name, (e) => events.push(e));
  }
  await dc.start();
  const stderr = [];
  dc._adapterProcess.stderr.on('data', (d) => stderr.push(String(d)));
  return {
    dc,
    outputs,
    events,
    stderr,
    /** All output of one category so far, joined. */
    text(category) {
      return outputs.filter((o) => !category || o.category === category).map((o) => o.output).join('');
    },
    /** Resolves once some recorded output satisfies `match` (a predicate, string or RegExp). */
    async waitForOutput(match, timeoutMs = 60_000) {
      const test = typeof match === 'function' ? match : (o) => (typeof match === 'string' ? o.output.includes(match) : match.test(o.output));
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const found = outputs.find(test);
        if (found) return found;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`no matching output within ${timeoutMs} ms; got:\n${outputs.map((o) => `[${o.category}] ${o.output}`).join('')}`);
    },
    /** Sends raw bytes to the adapter's stdin, to test what a broken client might send. */
    writeRaw(text) {
      dc._adapterProcess.stdin.write(text);
    },
    async stop() {
      await dc.stop();
    },
  };
}

/**
 * initialize + launch with the usual configuration sequence; `configure` runs after `initialized`
 * (set breakpoints there). Resolves with the launch response.
 */
export async function launch(session, args, configure = async () => {}) {
  const { dc } = session;
  await dc.initializeRequest();
  const configured = dc.waitForEvent('initialized').then(async () => {
    await configure();
    await dc.configurationDoneRequest();
  });
  const [response] = await Promise.all([dc.launchRequest(args), configured]);
  return response;
}

/** Waits for the next `stopped` event and returns it with the top frame. */
export async function nextStop(session, timeoutMs = 60_000) {
  const stopped = await session.dc.waitForEvent('stopped', timeoutMs);
  const trace = await session.dc.stackTraceRequest({ threadId: stopped.body.threadId ?? 1 });
  return { stopped, frames: trace.body.stackFrames, top: trace.body.stackFrames[0], totalFrames: trace.body.totalFrames };
}

/** The variables of the top frame's first scope named `scopeName`, as a name -> variable map. */
export async function scopeVariables(session, frameId, scopeName = 'Local') {
  const scopes = await session.dc.scopesRequest({ frameId });
  const scope = scopes.body.scopes.find((s) => s.name === scopeName);
  if (!scope) throw new Error(`no scope ${scopeName}; have ${scopes.body.scopes.map((s) => s.name).join(', ')}`);
  const vars = await session.dc.variablesRequest({ variablesReference: scope.variablesReference });
  return Object.fromEntries(vars.body.variables.map((v) => [v.name, v]));
}

/** The 1-based line of the fixture line carrying the comment marker `@name`. */
export function lineOf(file, marker) {
  const lines = readFileSync(fixture(file), 'utf8').split('\n');
  const index = lines.findIndex((l) => l.includes(`@${marker}`) && !l.includes(`@${marker}-`) && new RegExp(`@${marker}\\b`).test(l));
  if (index < 0) throw new Error(`marker @${marker} not in ${file}`);
  return index + 1;
}

/** Runs `body` with a fresh adapter process, stopping it afterwards whatever happens. */
export async function withAdapter(body) {
  const session = await startAdapter();
  try {
    return await body(session);
  } finally {
    await session.stop();
  }
}

/** Launches `file` with breakpoints {file: [lines or SourceBreakpoints]} and returns the setBreakpoints responses by file. */
export async function launchWithBreakpoints(session, file, breakpoints = {}, extra = {}) {
  const results = {};
  await launch(session, { program: fixture(file), ...extra }, async () => {
    for (const [name, list] of Object.entries(breakpoints)) {
      const r = await session.dc.setBreakpointsRequest({
        source: { path: fixture(name) },
        breakpoints: list.map((b) => (typeof b === 'number' ? { line: b } : b)),
      });
      results[name] = r.body.breakpoints;
    }
    if (extra.exceptionFilters) await session.dc.setExceptionBreakpointsRequest(extra.exceptionFilters);
  });
  return results;
}


/**
 * A breakpoint as it stands now: the setBreakpoints answer, updated by any later `breakpoint` event with the same id
 * (a condition the engine rejects, a file that changed on disk before the run loaded it); the latest event wins.
 */
export function settled(session, breakpoint) {
  const updates = session.events.filter((e) => e.event === 'breakpoint' && e.body.breakpoint.id === breakpoint.id);
  return updates.length ? { ...breakpoint, ...updates[updates.length - 1].body.breakpoint } : breakpoint;
}
