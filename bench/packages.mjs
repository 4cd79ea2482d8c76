// Figures of npm package loading: a script importing five packages whose entries share files (plugins, locales and
// subpaths of one package), cold through the CLI and in a fresh sandbox, with the run's memory; and the first output
// of a script importing lodash. `BENCH_ROOT=<checkout>` measures another build (e.g. main) on the same scripts.
// Prints one JSON object on stdout. Run: node esbuild.mjs && node bench/packages.mjs
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';

const here = new URL('..', import.meta.url).pathname;
const root = path.resolve(process.env.BENCH_ROOT ?? here);
const require = createRequire(import.meta.url);
const { Sandbox } = require(path.join(root, 'dist/engine.js'));
const REPS = Number(process.env.BENCH_REPS ?? 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x) => Math.round(x * 10) / 10;

const FIVE = [
  "import moment from 'moment';",
  "import 'moment/locale/ja.js';",
  "import 'moment/locale/fr.js';",
  "import dayjs from 'dayjs';",
  "import utc from 'dayjs/plugin/utc.js';",
  "import relativeTime from 'dayjs/plugin/relativeTime.js';",
  "import _ from 'lodash';",
  "import debounce from 'lodash/debounce.js';",
  "import throttle from 'lodash/throttle.js';",
  "import CryptoJS from 'crypto-js';",
  "import sha256 from 'crypto-js/sha256.js';",
  "import hmac from 'crypto-js/hmac-sha256.js';",
  "import { addDays } from 'date-fns';",
  "import { format } from 'date-fns/format';",
  'dayjs.extend(utc); dayjs.extend(relativeTime);',
  "console.log(moment.utc(0).locale('ja').format('LL'), dayjs.utc(0).format(), _.chunk([1, 2, 3], 2).length, typeof debounce, typeof throttle,",
  "  sha256('a').toString().slice(0, 6), CryptoJS.SHA256 === sha256, hmac('m', 'k').toString().slice(0, 6), format(addDays(new Date(0), 1), 'yyyy'));",
].join('\n');
const LODASH = "import _ from 'lodash';\nconsole.log(_.VERSION);\n";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qjs-bench-packages-'));
fs.mkdirSync(path.join(dir, 'node_modules'));
for (const name of ['moment', 'dayjs', 'lodash', 'crypto-js', 'date-fns']) {
  fs.symlinkSync(path.join(here, 'node_modules', name), path.join(dir, 'node_modules', name));
}
fs.writeFileSync(path.join(dir, 'five.mjs'), FIVE);
fs.writeFileSync(path.join(dir, 'lodash.mjs'), LODASH);

/** Wall time of `quickjs-sandbox run <file>` in a fresh process, and its stdout. */
function cliRun(file, args = ['--cache-dir', 'none']) {
  const t = performance.now();
  const r = spawnSync(process.execPath, [path.join(root, 'dist/cli.js'), 'run', file, ...args], { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${file}: ${r.stderr}`);
  return { ms: performance.now() - t, out: r.stdout.trim() };
}

/** A fresh sandbox: time from the run request to the first console output and to the exit, and memory after. */
async function sandboxRun(file, options = {}) {
  const sandbox = await Sandbox.create({ cwd: dir, timeoutMs: 0, ...options });
  let first;
  sandbox.onEvent((e) => {
    if (e.type === 'console' && first === undefined) first = performance.now();
  });
  const t = performance.now();
  const outcome = await sandbox.run({ kind: 'file', path: file });
  const done = performance.now();
  if (outcome.status !== 'completed') throw new Error(`${file}: ${outcome.message}`);
  const stats = await sandbox.memoryStats();
  await sandbox.dispose();
  return { firstOutputMs: first - t, runMs: done - t, prepareMs: outcome.phases?.prepareMs, usedMB: stats.memory_used_size / 2 ** 20, heapMB: stats.heap_size / 2 ** 20, functions: stats.js_func_count };
}

const result = { root, reps: REPS };
const five = path.join(dir, 'five.mjs');
const lodash = path.join(dir, 'lodash.mjs');
result.output = cliRun(five).out;
const cli = [];
for (let i = 0; i < REPS; i++) cli.push(cliRun(five).ms);
result.fiveCliColdMs = round(median(cli));
const runs = [];
for (let i = 0; i < REPS; i++) runs.push(await sandboxRun(five));
result.five = Object.fromEntries(Object.keys(runs[0]).map((k) => [k, round(median(runs.map((r) => r[k])))]));
const lodashRuns = [];
for (let i = 0; i < REPS; i++) lodashRuns.push(await sandboxRun(lodash));
result.lodashFirstOutputMs = round(median(lodashRuns.map((r) => r.firstOutputMs)));
const lodashCli = [];
for (let i = 0; i < REPS; i++) lodashCli.push(cliRun(lodash).ms);
result.lodashCliColdMs = round(median(lodashCli));

// The disk cache of package bundles: the first run of a script importing lodash (an empty cache each time) against
// a run that finds the bundle cached, and a script importing nothing, in a fresh sandbox and through the CLI.
const nothing = path.join(dir, 'nothing.mjs');
fs.writeFileSync(nothing, "console.log('x');\n");
const firstRun = [], cachedRun = [], nothingRun = [], firstCli = [], cachedCli = [], nothingCli = [];
const cacheDir = path.join(dir, 'cache');
for (let i = 0; i < REPS; i++) {
  fs.rmSync(cacheDir, { recursive: true, force: true });
  firstRun.push((await sandboxRun(lodash, { cacheDir })).firstOutputMs);
  cachedRun.push((await sandboxRun(lodash, { cacheDir })).firstOutputMs);
  nothingRun.push((await sandboxRun(nothing)).firstOutputMs);
  fs.rmSync(cacheDir, { recursive: true, force: true });
  firstCli.push(cliRun(lodash, ['--cache-dir', cacheDir]).ms);
  cachedCli.push(cliRun(lodash, ['--cache-dir', cacheDir]).ms);
  nothingCli.push(cliRun(nothing).ms);
}
result.diskCache = {
  lodashFirstRunFirstOutputMs: round(median(firstRun)),
  lodashCachedRunFirstOutputMs: round(median(cachedRun)),
  nothingFirstOutputMs: round(median(nothingRun)),
  lodashFirstRunCliMs: round(median(firstCli)),
  lodashCachedRunCliMs: round(median(cachedCli)),
  nothingCliMs: round(median(nothingCli)),
};
fs.rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify(result, null, 1));
process.exit(0);
