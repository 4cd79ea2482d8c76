// The URL standard's tests from web-platform-tests (their data files: urltestdata.json, setters_tests.json,
// toascii.json), run inside the sandbox through the project's engine API (dist/engine.js): how much of the URL
// parser, its setters and its host processing behave as the standard says. The data is not an npm package and is
// not kept in this repository: give a folder that holds a copy (WPT's url/resources/, or a project that vendors it).
//   node scripts/conformance/wpt-url.mjs --data <folder> [--json out.json] [--show N]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { data: { type: 'string' }, json: { type: 'string' }, show: { type: 'string', default: '10' } } });
if (!values.data) {
  console.error('wpt-url: give --data <folder> holding urltestdata.json (and optionally setters_tests.json, toascii.json)');
  process.exit(64);
}
const read = (name) => {
  const file = path.join(values.data, name);
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '[]';
};
const { Sandbox } = createRequire(import.meta.url)('../../dist/engine.js');

// The checks run inside the sandbox, as a script would use URL; only counts and the first failures come back out.
const checks = `
const props = ['href', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname', 'search', 'hash', 'origin'];
const failures = [];
const count = { parse: [0, 0], setters: [0, 0], toascii: [0, 0] };
const check = (kind, ok, detail) => { count[kind][1]++; if (ok) count[kind][0]++; else failures.push([kind, ...detail]); };
const make = (input, base) => (base === null || base === undefined ? new URL(input) : new URL(input, base));
for (const t of PARSE) {
  if (typeof t === 'string') continue;
  if (t.failure) {
    let threw = false;
    try { make(t.input, t.base); } catch (e) { threw = e instanceof TypeError; }
    const can = t.base == null ? URL.canParse(t.input) : URL.canParse(t.input, t.base);
    check('parse', threw && !can, [t.input, t.base, 'should fail']);
    continue;
  }
  try {
    const u = make(t.input, t.base);
    const wrong = props.filter((p) => p in t && u[p] !== t[p]);
    check('parse', wrong.length === 0, [t.input, t.base, wrong.join(',')]);
  } catch (e) {
    check('parse', false, [t.input, t.base, String(e)]);
  }
}
for (const [setter, list] of Object.entries(SETTERS)) {
  if (setter === 'comment' || !Array.isArray(list)) continue;
  for (const t of list) {
    if (typeof t === 'string') continue;
    try {
      const u = new URL(t.href);
      u[setter] = t.new_value;
      const wrong = Object.keys(t.expected).filter((k) => u[k] !== t.expected[k]);
      check('setters', wrong.length === 0, [setter, t.href, t.new_value, wrong.join(',')]);
    } catch (e) {
      check('setters', false, [setter, t.href, t.new_value, String(e)]);
    }
  }
}
for (const t of TOASCII) {
  if (typeof t === 'string') continue;
  let host;
  try { host = new URL('https://' + t.input + '/x').host; } catch { host = null; }
  check('toascii', host === t.output, [t.input, host, t.output]);
}
console.log(JSON.stringify({ count, failures }));
`;
const source = `const PARSE = ${read('urltestdata.json')};\nconst SETTERS = ${read('setters_tests.json')};\nconst TOASCII = ${read('toascii.json')};\n${checks}`;

const sandbox = await Sandbox.create({ timeoutMs: 120_000, memoryLimit: 256 * 1024 * 1024 });
let out;
sandbox.onEvent((e) => {
  if (e.type === 'console') out = e.text;
});
const outcome = await sandbox.run({ kind: 'source', source, type: 'module', filename: path.resolve('wpt-url-checks.mjs') });
await sandbox.dispose();
if (outcome.status !== 'completed' || !out) {
  console.error(`wpt-url: the checks did not complete: ${outcome.message ?? outcome.status}`);
  process.exit(1);
}
const { count, failures } = JSON.parse(out);
for (const [kind, [passed, total]] of Object.entries(count)) {
  if (total) console.log(`${kind.padEnd(8)} ${String(passed).padStart(5)} / ${String(total).padEnd(5)} ${((100 * passed) / total).toFixed(2)}%`);
}
for (const f of failures.slice(0, Number(values.show))) console.log(`  failed: ${JSON.stringify(f)}`);
if (values.json) fs.writeFileSync(values.json, JSON.stringify({ count, failures }, null, 1));
process.exit(0);
