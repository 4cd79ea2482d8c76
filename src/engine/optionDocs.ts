/**
 * Everything users read about the options, rendered from the option table: the CLI help, the README's two tables and
 * package.json's settings and launch schemas. `node scripts/options.mjs` writes the files; `test/engine/optionSchema.test.mjs`
 * fails when they drift from the table.
 */
import { OPTION_SPECS, UNITS, defaultIn, formatQuantity, inUnit, nameIn, rangeText, toFrontEnd, unitIn, type FrontEnd, type OptionSpec, type QuantitySpec } from './optionSchema';

const isQuantity = (spec: OptionSpec): spec is QuantitySpec => spec.type === 'size' || spec.type === 'duration';
const exposed = (fe: FrontEnd) => OPTION_SPECS.filter((spec) => nameIn(spec, fe) !== undefined);
const plain = (markdown: string) => markdown.replace(/`/g, '');
/** A number as a setting shows it: `0.001`, not `0.0010000000000000002`. */
const settingNumber = (spec: QuantitySpec, v: number) => +inUnit(v, unitIn(spec, 'setting')).toPrecision(12);

/** The range in a setting's unit: `16 to 4096 MB; 0 = none`. */
function settingRange(spec: QuantitySpec): string {
  const unit = UNITS[unitIn(spec, 'setting')].short;
  const zero = spec.zero ? `; \`0\` = ${spec.zero}` : '';
  return `${settingNumber(spec, spec.min)} to ${settingNumber(spec, spec.max)} ${unit}${zero}`;
}

/** The range as a flag is written: `16MB to 4GB; 0 = none; a bare number counts bytes`. */
function cliRange(spec: QuantitySpec, code: (s: string) => string): string {
  const f = (v: number) => code(formatQuantity(v, spec.type));
  const zero = spec.zero ? `; ${code('0')} = ${spec.zero}` : '';
  return `${f(spec.min)} to ${f(spec.max)}${zero}; a bare number counts ${UNITS[unitIn(spec, 'cli')].long}`;
}

/** A default as a front end writes it. */
function shownDefault(spec: OptionSpec, fe: FrontEnd): string {
  const value = defaultIn(spec, fe);
  if (isQuantity(spec)) return fe === 'setting' ? String(settingNumber(spec, value as number)) : formatQuantity(value as number, spec.type);
  if (spec.type === 'list') return fe === 'cli' ? 'none' : '[]';
  if (spec.type === 'boolean') return fe === 'cli' ? (value ? 'on' : 'off') : String(value);
  return String(value);
}

/** The flag as the help and the README show it: `--memory-limit <size>`, `-p, --print`. */
function flagText(spec: OptionSpec, code: (s: string) => string): string {
  const cli = spec.cli!;
  const long = code(`${cli.name}${cli.placeholder ? ` ${cli.placeholder}` : ''}`);
  return cli.short ? `${code(`-${cli.short}`)}, ${long}` : long;
}

/** The options part of `quickjs-sandbox --help`, one line per flag. */
export function cliHelpOptions(): string {
  return exposed('cli')
    .map((spec) => {
      const extra = isQuantity(spec)
        ? ` (default ${shownDefault(spec, 'cli')}; ${cliRange(spec, (s) => s)})`
        : spec.type === 'list'
          ? ' (repeatable)'
          : spec.type === 'enum' || (spec.type === 'string' && spec.default)
            ? ` (default ${spec.default})`
            : '';
      return `  ${flagText(spec, (s) => s).padEnd(24)} ${plain(spec.summary)}${extra}`;
    })
    .join('\n');
}

/** The README's settings table. */
export function readmeSettingsTable(): string {
  const rows = exposed('setting').map((spec) => {
    const extra = isQuantity(spec) ? ` (${settingRange(spec)})` : spec.type === 'list' ? '' : '';
    return `| \`${spec.setting!.name}\` | \`${shownDefault(spec, 'setting')}\` | ${spec.summary}${extra}. |`;
  });
  return ['| Setting | Default | Meaning |', '|---|---|---|', ...rows].join('\n');
}

/** The README's CLI flag table. */
export function readmeCliTable(): string {
  const code = (s: string) => `\`${s}\``;
  const rows = exposed('cli').map((spec) => {
    const extra = isQuantity(spec) ? ` (${cliRange(spec, code)})` : spec.type === 'list' ? ' (repeatable)' : '';
    const dflt = shownDefault(spec, 'cli');
    const plainDefault = spec.type === 'list' || spec.type === 'boolean' || dflt === '';
    return `| ${flagText(spec, code)} | ${plainDefault ? dflt || 'none' : code(dflt)} | ${spec.summary}${extra}. |`;
  });
  return ['| Flag | Default | Meaning |', '|---|---|---|', ...rows].join('\n');
}

/** How a launch attribute is written, in words, for its description. */
function launchForm(spec: OptionSpec): string {
  if (!isQuantity(spec)) return spec.type === 'list' ? 'A list of strings (or one string).' : '';
  const example = spec.type === 'size' ? '"64MB" or "512KB"' : '"30s" or "500ms"';
  return `A ${spec.type} like ${example}, or a number of ${UNITS[unitIn(spec, 'launch')].long}: ${rangeText(spec, false)}.`;
}

/** package.json `contributes.configuration.properties`. */
export function settingsContributions(): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const spec of exposed('setting')) {
    const s = spec.setting!;
    const p: Record<string, unknown> = {};
    let description = spec.description;
    if (isQuantity(spec)) {
      const unit = unitIn(spec, 'setting');
      p.type = 'number';
      p.default = toFrontEnd(spec, 'setting', defaultIn(spec, 'setting'));
      p.minimum = spec.zero ? 0 : settingNumber(spec, spec.min);
      p.maximum = settingNumber(spec, spec.max);
      const zero = spec.zero ? `; \`0\` means ${spec.zero}` : '';
      description += ` In ${UNITS[unit].long}, from ${settingNumber(spec, spec.min)} to ${settingNumber(spec, spec.max)}${zero}.`;
    } else if (spec.type === 'enum') {
      Object.assign(p, { type: 'string', enum: [...spec.values], enumDescriptions: [...spec.valueDescriptions], default: spec.default });
    } else if (spec.type === 'list') {
      Object.assign(p, { type: 'array', items: { type: 'string' }, default: [...spec.default] });
    } else if (spec.type === 'string') {
      Object.assign(p, { type: 'string', default: spec.default });
    } else {
      Object.assign(p, { type: 'boolean', default: defaultIn(spec, 'setting') });
    }
    if (s.note) description += ` ${s.note}`;
    p.markdownDescription = description;
    p.scope = s.scope;
    out[s.name] = p;
  }
  return out;
}

/** The table's part of the debugger's `configurationAttributes.launch.properties` (the rest is about what to run). */
export function launchContributions(): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const spec of exposed('launch')) {
    const l = spec.launch!;
    const p: Record<string, unknown> = {};
    if (isQuantity(spec)) p.type = ['string', 'number'];
    else if (spec.type === 'enum') Object.assign(p, { type: 'string', enum: [...spec.values], enumDescriptions: [...spec.valueDescriptions] });
    else if (spec.type === 'list') Object.assign(p, { type: 'array', items: { type: 'string' } });
    else p.type = spec.type;
    const parts = [spec.description, launchForm(spec), l.note, 'fromSetting' in l && l.fromSetting ? `Defaults to the ${spec.setting!.name} setting.` : undefined];
    // launch.json hovers show plain text.
    p.description = plain(parts.filter(Boolean).join(' '));
    const dflt = defaultIn(spec, 'launch');
    p.default = Array.isArray(dflt) ? [...dflt] : toFrontEnd(spec, 'launch', dflt);
    out[l.name] = p;
  }
  return out;
}

/** package.json `capabilities.untrustedWorkspaces.restrictedConfigurations`: the settings that grant permissions. */
export function restrictedSettings(): string[] {
  return exposed('setting')
    .filter((spec) => spec.engine?.startsWith('permissions.'))
    .map((spec) => spec.setting!.name);
}
