/**
 * The one table of the sandbox's user-facing options and the one reader of their values.
 *
 * Every front end reads its values through `checkOption`: the engine API (`SandboxOptions`), the editor's `quickjs.*`
 * settings, launch.json attributes and CLI flags. package.json's contributions, the CLI help and the README's tables
 * are rendered from the table (`optionDocs.ts`, `node scripts/options.mjs`), and a test fails when they drift.
 * Inside, every size is bytes and every duration milliseconds; units exist only at the edges, where a human form
 * (`64MB`, `500ms`, `10s`) is accepted the same way everywhere and a bare number counts in the front end's
 * documented unit (the unit in a setting's name, megabytes for a launch `memoryLimit`, seconds for `--timeout`).
 *
 * Adding an option: one entry here (plus the field in `api.ts` when the engine reads it), then
 * `node scripts/options.mjs` to regenerate package.json and the README tables.
 */
import type { Permissions, SandboxOptions } from './api';

/** Who reads a value: each has its own names, units and words for errors. */
export type FrontEnd = 'engine' | 'setting' | 'launch' | 'cli';

/** Units a bare number may count in, and what they are called in messages. */
export const UNITS = {
  B: { quantity: 'size', factor: 1, short: 'bytes', long: 'bytes' },
  KB: { quantity: 'size', factor: 1024, short: 'KB', long: 'kilobytes' },
  MB: { quantity: 'size', factor: 1024 ** 2, short: 'MB', long: 'megabytes' },
  GB: { quantity: 'size', factor: 1024 ** 3, short: 'GB', long: 'gigabytes' },
  ms: { quantity: 'duration', factor: 1, short: 'milliseconds', long: 'milliseconds' },
  s: { quantity: 'duration', factor: 1000, short: 'seconds', long: 'seconds' },
  min: { quantity: 'duration', factor: 60_000, short: 'minutes', long: 'minutes' },
  h: { quantity: 'duration', factor: 3_600_000, short: 'hours', long: 'hours' },
} as const;
export type Unit = keyof typeof UNITS;
export type Quantity = 'size' | 'duration';

/** Suffixes the one parser accepts, case-insensitively; sizes count in 1024s, as the engine's limits always have. */
const SUFFIXES: Record<Quantity, Record<string, number>> = {
  size: { b: 1, k: 1024, kb: 1024, kib: 1024, m: 1024 ** 2, mb: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, gib: 1024 ** 3 },
  duration: { ms: 1, s: 1000, sec: 1000, m: 60_000, min: 60_000, h: 3_600_000 },
};

/** An engine option's path in `SandboxOptions` (permissions are one level down). */
export type EngineKey = Exclude<keyof SandboxOptions, 'permissions'> | `permissions.${keyof Permissions}`;

/** How one front end exposes an option. `unit` is what a bare number counts in; `default` overrides the table's. */
export interface Exposure {
  name: string;
  unit?: Unit;
  default?: number | string | boolean | readonly string[];
  /** A sentence this front end's description adds. */
  note?: string;
}
export interface SettingExposure extends Exposure {
  scope: 'resource' | 'window';
}
export interface LaunchExposure extends Exposure {
  /** The editor fills the attribute from the setting when launch.json leaves it out. */
  fromSetting?: boolean;
}
export interface CliExposure extends Exposure {
  short?: string;
  /** Shown after the flag in the help: `<size>`. */
  placeholder?: string;
}

interface Common {
  /** What the value is, in words for messages: "memory limit". */
  label: string;
  /** One line for the CLI help and the README tables. */
  summary: string;
  /** One or two sentences for the editor's descriptions. */
  description: string;
  /** Where the engine reads it; absent for front-end-only options (notebook files, the CLI's output format). */
  engine?: EngineKey;
  setting?: SettingExposure;
  launch?: LaunchExposure;
  cli?: CliExposure;
}
export interface QuantitySpec extends Common {
  type: Quantity;
  /** Bytes or milliseconds, as are `min` and `max`. */
  default: number;
  min: number;
  max: number;
  /** What 0 means, when 0 is allowed below `min` ("none", "off"). */
  zero?: string;
  /** Values outside the range are moved inside it instead of refused (sampling rates). */
  clamp?: boolean;
}
export interface EnumSpec extends Common {
  type: 'enum';
  values: readonly string[];
  valueDescriptions: readonly string[];
  default: string;
}
export interface StringSpec extends Common {
  type: 'string';
  default: string;
}
export interface BooleanSpec extends Common {
  type: 'boolean';
  default: boolean;
}
export interface ListSpec extends Common {
  type: 'list';
  /** `origin` items are checked and normalised; `path` items resolve against the working folder in the engine. */
  item: 'path' | 'origin' | 'name' | 'glob';
  default: readonly string[];
}
export type OptionSpec = QuantitySpec | EnumSpec | StringSpec | BooleanSpec | ListSpec;

const KB = 1024;
const MB = 1024 * KB;
const GB = 1024 * MB;

/** The table. Order is the order of the CLI help, the README tables and package.json. */
export const OPTIONS = [
  {
    label: 'memory limit',
    type: 'size',
    default: 64 * MB,
    // The engine's WebAssembly memory starts at 16 MB; the setting's schema always capped it at 4096 MB.
    min: 16 * MB,
    max: 4 * GB,
    zero: 'none',
    summary: "Cap on the engine's whole memory",
    description: "Memory limit of a run's QuickJS runtime: its whole WebAssembly memory (the engine itself takes about 5 MB).",
    engine: 'memoryLimitBytes',
    setting: { name: 'quickjs.memoryLimitMB', unit: 'MB', scope: 'resource' },
    launch: { name: 'memoryLimit', unit: 'MB', fromSetting: true },
    cli: { name: '--memory-limit', placeholder: '<size>', unit: 'B' },
  },
  {
    label: 'stack size',
    type: 'size',
    default: 1 * MB,
    min: 64 * KB,
    // The engine's stack is the WebAssembly build's own, 5 MB in both builds: QuickJS places its limit that far below
    // the stack's top, so a larger one wraps around (every call overflows) or lets native frames run off the stack's
    // end. 4 MB leaves the frames between two of QuickJS's checks room to end in a clean stack error (measured).
    max: 4 * MB,
    summary: 'QuickJS stack limit; runaway recursion stops with a stack error',
    description: 'QuickJS stack limit. Deep recursion past it ends with a stack overflow error in the script (a limit when uncaught).',
    engine: 'stackSizeBytes',
    setting: { name: 'quickjs.stackSizeKB', unit: 'KB', scope: 'resource' },
    launch: { name: 'stackSize', unit: 'KB', fromSetting: true },
    cli: { name: '--stack-size', placeholder: '<size>', unit: 'B' },
  },
  {
    label: 'timeout',
    type: 'duration',
    default: 10_000,
    // Node's timers cannot wait longer than 2^31 ms; a day is the setting's old maximum.
    min: 1,
    max: 24 * 3_600_000,
    zero: 'none',
    summary: 'Wall-clock limit of a run, timers and pending I/O included',
    description: 'Wall-clock limit of one run, event loop included.',
    engine: 'timeoutMs',
    setting: { name: 'quickjs.timeoutSeconds', unit: 's', scope: 'resource', note: 'Debug sessions have none unless their launch configuration sets `timeout`.' },
    launch: { name: 'timeout', unit: 'ms', default: 0, note: '0, the default when debugging, means none, so a paused program is never killed.' },
    cli: { name: '--timeout', placeholder: '<duration>', unit: 's' },
  },
  {
    label: 'engine',
    type: 'enum',
    values: ['quickjs', 'quickjs-ng'],
    valueDescriptions: ['Bellard QuickJS: the fastest.', 'quickjs-ng: about 1.3x slower; supports V8-style Error.prepareStackTrace.'],
    default: 'quickjs',
    summary: 'QuickJS build: `quickjs` (Bellard, fastest) or `quickjs-ng`',
    description: 'QuickJS build that runs the script.',
    engine: 'engine',
    setting: { name: 'quickjs.engine', scope: 'resource' },
    launch: { name: 'engine', fromSetting: true },
    cli: { name: '--engine', placeholder: '<name>' },
  },
  {
    label: 'NODE_ENV',
    type: 'enum',
    values: ['development', 'production'],
    valueDescriptions: [
      "Packages take their development branch (helpful warnings), as in Node when the variable is unset.",
      "Packages take their production branch, as bundlers do for browser builds (the default).",
    ],
    default: 'production',
    summary: '`process.env.NODE_ENV` as npm packages see it: `development` or `production`',
    description: '`process.env.NODE_ENV` in the npm packages a script imports, replaced when they are bundled.',
    engine: 'nodeEnv',
    setting: { name: 'quickjs.nodeEnv', scope: 'resource' },
    launch: { name: 'nodeEnv', fromSetting: true },
    cli: { name: '--node-env', placeholder: '<mode>' },
  },
  {
    label: 'package cache folder',
    type: 'string',
    default: '',
    summary: "Folder where bundles of npm packages and V8's code cache of the engine are kept between runs (default `$XDG_CACHE_HOME/quickjs-sandbox`, else `~/.cache/quickjs-sandbox`); `none` keeps none",
    description: "Folder where bundles of the npm packages scripts import (checked against the package files on every use) and V8's code cache of the engine's worker are kept between runs. Empty: no disk cache.",
    engine: 'cacheDir',
    cli: { name: '--cache-dir', placeholder: '<dir>' },
  },
  {
    label: 'output limit',
    type: 'size',
    default: 4 * MB,
    min: 1 * KB,
    max: 1 * GB,
    zero: 'none',
    summary: 'Console output a run may print',
    description: 'Most console output one run may print.',
    engine: 'outputLimitBytes',
    setting: { name: 'quickjs.outputLimitKB', unit: 'KB', scope: 'resource' },
    cli: { name: '--output-limit', placeholder: '<size>', unit: 'B' },
  },
  {
    label: 'readable folders',
    type: 'list',
    item: 'path',
    default: [],
    summary: '`sandbox.readFile()` may read files under these folders',
    description: 'Folders whose files (and sub-folders) scripts may read with `sandbox.readFile`; relative paths resolve against the working folder. Nothing is readable by default. Ignored in untrusted workspaces.',
    engine: 'permissions.read',
    setting: { name: 'quickjs.permissions.readFolders', scope: 'resource' },
    launch: { name: 'allowRead', fromSetting: true },
    cli: { name: '--allow-read', placeholder: '<dir>' },
  },
  {
    label: 'reachable origins',
    type: 'list',
    item: 'origin',
    default: [],
    summary: '`fetch()` may reach these origins (`https://api.example.com`, or `*` for all); redirects are checked hop by hop',
    description: 'Origins (`https://api.example.com`) that `fetch` may reach; `*` grants every origin. Nothing is reachable by default. Ignored in untrusted workspaces.',
    engine: 'permissions.net',
    setting: { name: 'quickjs.permissions.netOrigins', scope: 'resource' },
    launch: { name: 'allowNet', fromSetting: true },
    cli: { name: '--allow-net', placeholder: '<origin>' },
  },
  {
    label: 'environment variables',
    type: 'list',
    item: 'name',
    default: [],
    summary: '`sandbox.env` exposes these environment variables',
    description: 'Names of environment variables `sandbox.env` exposes. None by default. Ignored in untrusted workspaces.',
    engine: 'permissions.env',
    setting: { name: 'quickjs.permissions.envNames', scope: 'resource' },
    launch: { name: 'allowEnv', fromSetting: true },
    cli: { name: '--allow-env', placeholder: '<NAME>' },
  },
  {
    label: 'source maps',
    type: 'boolean',
    default: true,
    summary: 'Map breakpoints, stacks and errors through source maps',
    description: 'Map breakpoints, stacks and errors through source maps (TypeScript, bundles).',
    engine: 'sourceMaps',
    launch: { name: 'sourceMaps' },
  },
  {
    label: 'skipped files',
    type: 'list',
    item: 'glob',
    default: ['<node_internals>/**'],
    summary: 'Files the debugger steps through without stopping (globs, as VS Code\'s JavaScript debugger reads `skipFiles`)',
    description:
      'Glob patterns of files the debugger steps through without stopping, as VS Code\'s JavaScript debugger reads them: `**/node_modules/**` steps over package code, `!pattern` takes files back, `<node_internals>/**` names the Node built-in modules the sandbox bundles. An exception thrown in a skipped file stops in the first caller outside them; breakpoints set in a skipped file still stop.',
    engine: 'skipFiles',
    launch: { name: 'skipFiles' },
  },
  {
    label: 'memory sample interval',
    type: 'duration',
    default: 0,
    min: 20,
    max: 60_000,
    zero: 'off',
    clamp: true,
    summary: 'How often a running script\'s memory is sampled for "QuickJS: Show Memory"',
    description:
      "How often a running script's memory is sampled for **QuickJS: Show Memory** (values under 20 ms are raised to 20). Most samples carry only the heap size, which costs nothing; detailed reports are spaced to stay near 1% of run time.",
    engine: 'memorySampleIntervalMs',
    setting: { name: 'quickjs.memorySampleIntervalMs', unit: 'ms', default: 250, scope: 'resource' },
  },
  {
    label: 'save notebook outputs',
    type: 'boolean',
    default: false,
    summary: 'Keep cell outputs in `.qjsnb` files',
    description: 'Save cell outputs in `.qjsnb` notebook files. Off by default, so files hold only code and diff cleanly.',
    setting: { name: 'quickjs.notebook.saveOutputs', scope: 'resource' },
  },
  {
    label: 'F5 debugs in QuickJS',
    type: 'boolean',
    default: false,
    summary: 'F5 on a JavaScript or TypeScript file debugs it in QuickJS without asking (workspaces without `launch.json`)',
    description:
      'F5 on a JavaScript or TypeScript file debugs it in the QuickJS sandbox without asking which debugger, in workspaces without launch configurations (a `launch.json` keeps F5 as it defines it). Offered once, the first time you debug a file in QuickJS.',
    setting: { name: 'quickjs.debugOnF5', scope: 'window' },
  },
  {
    label: 'language server',
    type: 'boolean',
    default: true,
    summary: 'Diagnostics, hover and completion for sandbox scripts',
    description:
      "Check JavaScript and TypeScript files and notebook cells with the sandbox's language server: QuickJS syntax errors, TypeScript errors, and warnings for Node-only names the sandbox lacks.",
    setting: { name: 'quickjs.languageServer.enabled', scope: 'window' },
  },
  {
    label: 'memory summary',
    type: 'boolean',
    default: false,
    summary: 'Print a memory summary when the run ends',
    description: 'Print a memory summary when the run ends.',
    cli: { name: '--stats' },
  },
  {
    label: 'JSON events',
    type: 'boolean',
    default: false,
    summary: 'Print every event (console, result, error, limit, memory, exit) as one JSON object per line',
    description: 'Print every event as one JSON object per line.',
    cli: { name: '--json' },
  },
  {
    label: 'print result',
    type: 'boolean',
    default: false,
    summary: "Print the value of the script's last expression",
    description: "Print the value of the script's last expression.",
    cli: { name: '--print', short: 'p' },
  },
  {
    label: 'watch',
    type: 'boolean',
    default: false,
    summary: 'Run again when the file or a local module it imports changes (Ctrl+C to stop)',
    description: 'Run again when the file or a local module it imports changes.',
    cli: { name: '--watch' },
  },
  {
    label: 'optimize',
    type: 'boolean',
    default: false,
    summary: "Let V8 optimise the engine's hot code: a script that computes for seconds runs up to 2x faster, but start-up and exit take longer",
    description: "Let V8 optimise the engine's hot code for a run that computes for seconds.",
    cli: { name: '--optimize' },
  },
] as const satisfies readonly OptionSpec[];

/** The table, typed loosely for code that walks it. */
export const OPTION_SPECS: readonly OptionSpec[] = OPTIONS;

/** The spec the engine reads at `key`. */
export function engineSpec(key: EngineKey): OptionSpec {
  const spec = OPTION_SPECS.find((s) => s.engine === key);
  if (!spec) throw new Error(`no option in the table for ${key}`);
  return spec;
}

/** How to grant a permission, as a denial says it: `--allow-net https://x.example (setting quickjs.permissions.netOrigins)`. */
export function grantHint(key: `permissions.${keyof Permissions}`, value: string): string {
  const spec = engineSpec(key);
  return `${spec.cli?.name} ${value} (setting ${spec.setting?.name})`;
}

/** This front end's name of an option (`quickjs.memoryLimitMB`, `memoryLimit`, `--memory-limit`, `memoryLimitBytes`). */
export function nameIn(spec: OptionSpec, fe: FrontEnd): string | undefined {
  return fe === 'engine' ? spec.engine : spec[fe]?.name;
}

/** The unit a bare number counts in at this front end: the engine counts bytes and milliseconds. */
export function unitIn(spec: QuantitySpec, fe: FrontEnd): Unit {
  const unit = fe === 'engine' ? undefined : spec[fe]?.unit;
  return unit ?? (spec.type === 'size' ? 'B' : 'ms');
}

/** The default this front end applies when the value is absent, in the engine's units. */
export function defaultIn(spec: OptionSpec, fe: FrontEnd): OptionSpec['default'] {
  const own = fe === 'engine' ? undefined : spec[fe]?.default;
  return (own ?? spec.default) as OptionSpec['default'];
}

/**
 * The one parser of sizes and durations: `64MB`, `512kb`, `1.5GB`, `500ms`, `10s`, `2m`, `1h`, or a number (or a
 * string of digits) counted in `unit`. Returns bytes or milliseconds, rounded; undefined when the text has no
 * such form. Negative numbers are returned as they are, for the range check to refuse with the range in words.
 */
export function parseQuantity(raw: unknown, quantity: Quantity, unit: Unit): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? whole(raw * UNITS[unit].factor) : undefined;
  if (typeof raw !== 'string') return undefined;
  const m = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*([a-z]*)\s*$/i.exec(raw);
  if (!m) return undefined;
  const factor = m[2] ? SUFFIXES[quantity][m[2].toLowerCase()] : UNITS[unit].factor;
  return factor === undefined ? undefined : whole(Number(m[1]) * factor);
}

/** Rounds to whole bytes or milliseconds, except that a tiny positive value must not become 0, which means "none". */
function whole(v: number): number {
  return v > 0 && v < 0.5 ? v : Math.round(v);
}

/** `67108864` -> `64MB`, `1536` -> `1536B`... in the largest unit that divides evenly; `spaced` gives `64 MB`. */
export function formatQuantity(value: number, quantity: Quantity, spaced = false): string {
  const units: Unit[] = quantity === 'size' ? ['GB', 'MB', 'KB'] : ['h', 'min', 's'];
  const unit = value === 0 ? undefined : units.find((u) => value % UNITS[u].factor === 0);
  const [n, suffix] = unit ? [value / UNITS[unit].factor, unit] : [value, quantity === 'size' ? 'B' : 'ms'];
  return spaced ? `${n} ${suffix === 'B' ? 'bytes' : suffix}` : `${n}${suffix}`;
}

/** A value in the unit a front end counts bare numbers in (`64` for 64 MB in `quickjs.memoryLimitMB`). */
export function inUnit(value: number, unit: Unit): number {
  return value / UNITS[unit].factor;
}

/** The outcome of checking one raw value: the value in the engine's units, or the message for this front end. */
export type OptionCheck<V = unknown> = { ok: true; value: V; problems: string[] } | { ok: false; message: string };

/**
 * Checks one raw value as front end `fe` received it. On success `value` is in the engine's units; list items that
 * are wrong are dropped and each is described in `problems` (the settings reader keeps the rest; the other front
 * ends refuse the whole value). Messages name the option as this front end does, the value, the form and the range.
 */
export function checkOption(spec: OptionSpec, fe: FrontEnd, raw: unknown): OptionCheck {
  switch (spec.type) {
    case 'size':
    case 'duration':
      return checkQuantity(spec, fe, raw);
    case 'enum':
      if (typeof raw === 'string' && spec.values.includes(raw)) return ok(raw);
      if (fe === 'cli' || fe === 'engine') {
        const values = spec.values.map((v) => (fe === 'cli' ? v : `"${v}"`)).join(' or ');
        return { ok: false, message: `${nameIn(spec, fe)}: unknown ${spec.label} ${JSON.stringify(raw) ?? String(raw)}; use ${values}` };
      }
      return bad(spec, fe, raw, spec.values.map((v) => `"${v}"`).join(' or '));
    case 'string':
      return typeof raw === 'string' ? ok(raw) : bad(spec, fe, raw, 'a string');
    case 'boolean':
      return typeof raw === 'boolean' ? ok(raw) : bad(spec, fe, raw, 'true or false');
    case 'list':
      return checkList(spec, fe, raw);
  }
}

function ok<V>(value: V, problems: string[] = []): OptionCheck<V> {
  return { ok: true, value, problems };
}

/** A wrong value: `expected` says what would be right, in the front end's words. */
function bad(spec: OptionSpec, fe: FrontEnd, raw: unknown, expected: string): OptionCheck<never> {
  const name = nameIn(spec, fe) ?? spec.label;
  const shown = JSON.stringify(raw) ?? String(raw);
  switch (fe) {
    case 'setting':
      return { ok: false, message: `${name} is ${shown}; it must be ${expected}.` };
    case 'launch':
      return { ok: false, message: `launch: '${name}' must be ${expected}; got ${shown}` };
    case 'cli':
      return { ok: false, message: `${name}: ${expected}, not ${typeof raw === 'string' ? `"${raw}"` : shown}` };
    case 'engine':
      return { ok: false, message: `${name} must be ${expected}, not ${shown}` };
  }
}

/**
 * The range in words: `0 (none) or at least 16MB (at most 4GB)` as written in a configuration, or in prose (`spaced`)
 * `at least 16 MB (at most 4 GB; 0 means none)`; without a zero, `between 64KB and 64MB`.
 */
export function rangeText(spec: QuantitySpec, spaced: boolean): string {
  const f = (n: number) => formatQuantity(n, spec.type, spaced);
  if (!spec.zero) return `between ${f(spec.min)} and ${f(spec.max)}`;
  return spaced ? `at least ${f(spec.min)} (at most ${f(spec.max)}; 0 means ${spec.zero})` : `0 (${spec.zero}) or at least ${f(spec.min)} (at most ${f(spec.max)})`;
}

function checkQuantity(spec: QuantitySpec, fe: FrontEnd, raw: unknown): OptionCheck {
  const unit = unitIn(spec, fe);
  // The engine API takes numbers only (its unit is in each field's name); the other front ends take both forms.
  const value = fe === 'engine' && typeof raw !== 'number' ? undefined : parseQuantity(raw, spec.type, unit);
  const inRange = (v: number) => (spec.zero !== undefined && v === 0) || (v >= spec.min && v <= spec.max);
  if (value !== undefined && value >= 0 && spec.clamp) return ok(value === 0 && spec.zero !== undefined ? 0 : Math.min(spec.max, Math.max(spec.min, value)));
  if (value !== undefined && inRange(value)) return ok(value);
  const bare = typeof raw === 'number' || (typeof raw === 'string' && /^\s*[\d.]+\s*$/.test(raw));
  const example = spec.type === 'size' ? ['64MB', '512KB'] : ['30s', '500ms'];
  const kind = spec.type === 'size' ? 'size' : 'duration';
  switch (fe) {
    case 'setting': {
      const n = (v: number) => +inUnit(v, unit).toPrecision(12);
      const zero = spec.zero !== undefined ? `0 (${spec.zero === 'none' ? 'no limit' : spec.zero}) or ` : '';
      return bad(spec, fe, raw, `${zero}a number from ${n(spec.min)} to ${n(spec.max)} ${UNITS[unit].short}`);
    }
    case 'launch':
      if (value === undefined) {
        return bad(spec, fe, raw, `a ${kind} like "${example[0]}" or "${example[1]}", or a number of ${UNITS[unit].long}: ${rangeText(spec, false)}`);
      }
      // A bare number out of range was most likely written in the wrong unit: say which one it counts in.
      return bad(spec, fe, raw, `${rangeText(spec, false)}${bare ? ` (a number counts ${UNITS[unit].long})` : ''}`);
    case 'cli':
      if (value === undefined) {
        return {
          ok: false,
          message: `${spec.cli?.name}: "${String(raw)}" is not a ${kind}; write it like ${example[0]} or ${example[1]} (a bare number counts ${UNITS[unit].long}), ${rangeText(spec, false)}`,
        };
      }
      return {
        ok: false,
        message: `${spec.cli?.name}: ${spec.label} must be ${rangeText(spec, true)}, not ${formatQuantity(value, spec.type, true)}${bare ? ` (a bare number counts ${UNITS[unit].long})` : ''}`,
      };
    case 'engine':
      if (value === undefined) return bad(spec, fe, raw, `a number of ${UNITS[unit].long}`);
      return { ok: false, message: `${spec.engine}: ${spec.label} must be ${rangeText(spec, true)}, not ${formatQuantity(value, spec.type, true)}` };
  }
}

function checkList(spec: ListSpec, fe: FrontEnd, raw: unknown): OptionCheck {
  // A launch configuration may name one folder or origin without brackets, as launch.json files often do.
  const list = fe === 'launch' && typeof raw === 'string' ? [raw] : raw;
  if (!Array.isArray(list) || list.some((x) => typeof x !== 'string' || x.trim() === '')) {
    if (fe === 'cli') return { ok: false, message: `${spec.cli?.name} needs a value that is not empty: ${spec.cli?.name} ${spec.cli?.placeholder}` };
    return bad(spec, fe, raw, 'a list of strings, none empty');
  }
  if (spec.item !== 'origin') return ok([...list]);
  const good: string[] = [];
  const problems: string[] = [];
  for (const item of list as string[]) {
    const origin = normalizeOrigin(item);
    if (origin !== undefined) good.push(origin);
    else problems.push(`${itemSubject(spec, fe, item)} is not an origin; write it as "https://host[:port]" or "*"`);
  }
  return ok(good, problems);
}

function itemSubject(spec: ListSpec, fe: FrontEnd, item: string): string {
  switch (fe) {
    case 'setting':
      return `${spec.setting?.name} entry "${item}"`;
    case 'launch':
      return `launch: '${spec.launch?.name}' entry "${item}"`;
    case 'cli':
      return `${spec.cli?.name}: "${item}"`;
    case 'engine':
      return `${spec.engine} entry "${item}"`;
  }
}

/** `https://a.example.com:8443/` -> `https://a.example.com:8443`; `*` stays; anything else (a path, no scheme) is undefined. */
export function normalizeOrigin(text: string): string | undefined {
  if (text === '*') return text;
  if (!/^https?:\/\/[^/\s?#]+\/?$/i.test(text)) return undefined;
  try {
    return new URL(text).origin;
  } catch {
    return undefined;
  }
}

/** A list option's check as one result for the front ends that refuse a value with any bad entry. */
export function checkStrict(spec: OptionSpec, fe: FrontEnd, raw: unknown): { ok: true; value: unknown } | { ok: false; message: string } {
  const r = checkOption(spec, fe, raw);
  if (!r.ok) return r;
  if (r.problems.length) return { ok: false, message: r.problems[0] };
  return { ok: true, value: r.value };
}

/** Puts a checked value where the engine reads it. */
export function setEngineOption(target: SandboxOptions, key: EngineKey, value: unknown): void {
  if (key.startsWith('permissions.')) {
    const perm = key.slice('permissions.'.length) as keyof Permissions;
    target.permissions = { ...target.permissions, [perm]: value as string[] };
  } else {
    (target as Record<string, unknown>)[key] = value;
  }
}

/** Reads a value from where the engine reads it. */
export function getEngineOption(source: SandboxOptions, key: EngineKey): unknown {
  if (key.startsWith('permissions.')) return source.permissions?.[key.slice('permissions.'.length) as keyof Permissions];
  return (source as Record<string, unknown>)[key];
}

/** A value in the form a front end writes it: `64MB` for a launch attribute, `64` for `quickjs.memoryLimitMB`. */
export function toFrontEnd(spec: OptionSpec, fe: FrontEnd, value: unknown): unknown {
  if (spec.type !== 'size' && spec.type !== 'duration') return value;
  if (fe === 'setting') return inUnit(value as number, unitIn(spec, fe));
  // 0 reads the same in every unit; a number keeps launch.json's "no timeout" as plain as it was.
  if (fe === 'engine' || value === 0) return value;
  return formatQuantity(value as number, spec.type);
}
