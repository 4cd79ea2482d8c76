// Extension-host tests of the memory view in a real VS Code with the real engine: the webview's figures change
// while a script runs, then show the run's final breakdown, classes and an A/B comparison; a debug session's pause
// shows in the view. The figures are what the webview reports having rendered (read from its DOM).
// suite/index.js runs `tests` with its own, after handing over the `vscode` module with setVscode.
'use strict';
// Required lazily: plain `node --test test/` loads every .js under test/ and must not fail on a missing 'vscode'.
let vscode;
const assert = require('node:assert/strict');

const { EXTENSION_ID, Skip, suite } = require('./shared');
const { tests, test } = suite(45_000);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const ws = () => vscode.workspace.workspaceFolders[0].uri;

async function setSetting(key, value) {
  await vscode.workspace.getConfiguration('quickjs').update(key, value, vscode.ConfigurationTarget.Workspace);
}

async function writeScript(name, text) {
  const uri = vscode.Uri.joinPath(ws(), name);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
  return uri;
}

/** What the memory view rendered next (or last). */
const rendered = (timeoutMs = 1500) => vscode.commands.executeCommand('quickjs.memoryView.rendered', timeoutMs);

/** Polls the view until `check(view)` holds; returns that view, or throws with the last one seen. */
async function until(check, what, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await rendered(500);
    if (last && check(last)) return last;
    await sleep(100);
  }
  throw new Error(`the memory view never showed ${what}; last rendering: ${JSON.stringify(last)}`);
}

// Grows the heap for about two seconds in small steps, so the view has samples to show while it runs.
const GROW = `globalThis.keep = [];
const started = Date.now();
while (Date.now() - started < 2200) {
  // Capped well under the 64 MB limit: the test is about the view, not the limit.
  if (keep.length < 40000) for (let i = 0; i < 20; i++) keep.push({ n: keep.length, s: 'item ' + keep.length, list: [1, 2, 3] });
}
console.log('kept', keep.length);
`;

test('the memory view shows figures that change while a script runs, then its final breakdown', async () => {
  await vscode.extensions.getExtension(EXTENSION_ID).activate();
  await setSetting('memorySampleIntervalMs', 100);
  await setSetting('timeoutSeconds', 20);
  try {
    const uri = await writeScript('memory-grow.js', GROW);
    assert.equal(await vscode.commands.executeCommand('quickjs.showMemory'), true);
    const first = await until((v) => typeof v.headline === 'string', 'any rendering');
    assert.ok(first, 'the webview reported no rendering: did its script load under the CSP?');

    const running = vscode.commands.executeCommand('quickjs.runFile', uri);
    const live = [];
    while (live.length < 200) {
      const v = await rendered(600);
      // Only this run's renderings count: until it starts, the view may still show an earlier run that ended.
      if (v && v.label === 'memory-grow.js') live.push(v);
      if (v && v.label === 'memory-grow.js' && v.state === 'ended') break;
      await sleep(150);
    }
    const r = await running;
    assert.equal(r.outcome.status, 'completed', r.output);
    const during = live.filter((v) => v.state === 'running');
    assert.ok(during.length >= 3, `only ${during.length} renderings while running: ${JSON.stringify(live.map((v) => [v.state, v.sampleCount]))}`);
    const counts = during.map((v) => v.sampleCount);
    assert.ok(counts[counts.length - 1] > counts[0], `the sample count did not grow while running: ${counts}`);
    assert.ok(new Set(during.map((v) => v.headline)).size >= 2, `the headline never changed while running: ${during[0].headline}`);
    assert.match(during[during.length - 1].headline, /^heap \d/);
    assert.ok(during[during.length - 1].chartPoints >= 3, 'the chart holds the samples');

    const done = await until((v) => v.state === 'ended' && v.classes.Object !== undefined, 'the final sample of the run');
    const objects = Number(done.categories.objects[0].replace(/,/g, ''));
    assert.ok(objects > 10_000, `objects after the run: ${done.categories.objects}`);
    assert.match(done.categories.strings[1], /\d (B|KB|MB)$/);
    assert.ok(Number(done.classes.Object.replace(/,/g, '')) > 10_000, JSON.stringify(done.classes));
    assert.ok(done.compare, 'two samples are compared by default');
    assert.match(done.compare.rows.heap, /^[+]?\d|^0 B$/);
    assert.match(done.compare.rows['objects.count'] ?? '', /^\+\d/, `objects change from A to B: ${JSON.stringify(done.compare.rows)}`);
    // One limit everywhere: the headline's and the legend's (the legend shows the latest sample with no pointer).
    const limit = /of the ([\d.]+ [KMG]?B) limit/.exec(done.headline)?.[1];
    assert.ok(limit, `the headline names the limit: ${done.headline}`);
    assert.equal(done.legend.Limit, limit, `legend: ${JSON.stringify(done.legend)}`);
    assert.match(done.legend['Heap (high-water mark)'] ?? '', /^[\d.]+ [KMG]?B$/, `legend: ${JSON.stringify(done.legend)}`);
    assert.match(done.legend['Live objects (estimate)'] ?? '', /^[\d.]+ [KMG]?B$/, `legend: ${JSON.stringify(done.legend)}`);
    // Round ticks on the bytes axis: whole numbers of B, KB, MB or GB.
    assert.ok(done.yTicks.length >= 2, `y ticks: ${done.yTicks}`);
    for (const t of done.yTicks) assert.match(t, /^\d+ (B|KB|MB|GB)$/, `y ticks: ${done.yTicks}`);
    // The second chart: bytes by object kind, from the detailed samples, its legend on the latest one.
    assert.ok(done.kindPoints >= 1, `by-kind chart points: ${done.kindPoints}`);
    assert.match(done.kindLegend.Objects ?? '', /^[\d.]+ [KMG]?B$/, `by-kind legend: ${JSON.stringify(done.kindLegend)}`);
    assert.match(done.kindLegend.Strings ?? '', /^[\d.]+ [KMG]?B$/, `by-kind legend: ${JSON.stringify(done.kindLegend)}`);
    // Export: every sample the view holds, as CSV.
    const csvUri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders[0].uri, 'memory-export.csv');
    const saved = await vscode.commands.executeCommand('quickjs.memoryView.exportCsv', csvUri);
    assert.equal(saved?.toString(), csvUri.toString());
    const csv = Buffer.from(await vscode.workspace.fs.readFile(csvUri)).toString('utf8').trim().split('\r\n');
    await vscode.workspace.fs.delete(csvUri);
    assert.match(csv[0], /^sample,time_s,origin,heap_bytes,limit_bytes,live_bytes,objects_count,objects_bytes,/);
    assert.equal(csv.length - 1, done.sampleCount, 'one row per sample the view shows');
    assert.ok(csv.slice(1).every((l) => l.split(',')[4] === String(64 * 1024 * 1024)), 'each row has the 64 MB limit');
    console.log(`[quickjs-e2e] memory view: ${during.length} renderings while running, samples ${counts[0]} -> ${counts[counts.length - 1]}; final: ${done.headline}`);
  } finally {
    await setSetting('memorySampleIntervalMs', undefined);
    await setSetting('timeoutSeconds', undefined);
  }
}, 60_000);

test('the memory view follows a debug session and shows when it is paused', async () => {
  const uri = await writeScript('memory-debug.js', 'globalThis.keep = [];\nfor (let i = 0; i < 20000; i++) keep.push({ i });\ndebugger;\nconsole.log(keep.length);\n');
  let stoppedResolve;
  const stopped = new Promise((r) => (stoppedResolve = r));
  let noDebug;
  const tracker = vscode.debug.registerDebugAdapterTrackerFactory('quickjs', {
    createDebugAdapterTracker: () => ({
      onDidSendMessage: (m) => {
        if (m.type === 'event' && m.event === 'stopped') stoppedResolve(m.body);
        if (m.type === 'response' && m.success === false && /without debugging support/.test(m.message || '')) noDebug = m.message;
      },
    }),
  });
  try {
    assert.equal(await vscode.commands.executeCommand('quickjs.showMemory'), true);
    assert.equal(await vscode.commands.executeCommand('quickjs.debugFile', uri), true, 'startDebugging failed');
    const body = await Promise.race([stopped, sleep(20_000).then(() => undefined)]);
    if (!body && noDebug) throw new Skip(`the engine has no debug support yet (${noDebug})`);
    assert.ok(body, 'the session never stopped at the debugger statement');
    // The debugger showed the file where it stopped, possibly over the view: bring it back as a person would.
    assert.equal(await vscode.commands.executeCommand('quickjs.showMemory'), true);
    const paused = await until((v) => v.state === 'paused' && /^Debug: /.test(v.label), 'the paused session');
    assert.match(paused.headline, /^heap \d/);
    await vscode.commands.executeCommand('workbench.action.debug.continue');
    await until((v) => v.state === 'ended' || v.state === 'running', 'the session resuming');
  } finally {
    tracker.dispose();
    if (vscode.debug.activeDebugSession) await vscode.debug.stopDebugging(vscode.debug.activeDebugSession);
  }
}, 60_000);

module.exports = {
  tests,
  setVscode(v) {
    vscode = v;
  },
};
