// Human-readable views of the configuration schema and of an effective configuration:
// `idtrail config check` output (secrets masked) and docs/configuration.md.
import type { ConfigSchema, KeyDef } from './config-types.ts';
import type { LoadedConfig } from './load-config.ts';

export const MASK = '********';

function display(def: KeyDef<unknown>, v: unknown): string {
  if (v === null || v === undefined) return '(not set)';
  if (def.secret) return MASK;
  return Array.isArray(v) ? v.join(',') : String(v);
}

/** The effective configuration, one `key = value  # source` line each; secrets never shown. */
export function formatEffectiveConfig<S extends ConfigSchema>(schema: S, loaded: LoadedConfig<S>): string {
  const entries = Object.entries(schema) as Array<[keyof S & string, KeyDef<unknown>]>;
  const width = Math.max(...entries.map(([k]) => k.length));
  const lines = [`# idtrail configuration (file: ${loaded.file ?? 'none'})`];
  for (const [key, def] of entries) {
    const v = display(def, loaded.values[key]);
    lines.push(`${key.padEnd(width)} = ${v}${' '.repeat(Math.max(1, 24 - v.length))}# ${loaded.origin[key]}`);
  }
  return lines.join('\n') + '\n';
}

/** The effective configuration as a plain object with secrets masked (for `config check --json`). */
export function maskedConfig<S extends ConfigSchema>(schema: S, loaded: LoadedConfig<S>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, def] of Object.entries(schema)) {
    const v = loaded.values[key as keyof S];
    out[key] = def.secret && v !== null ? MASK : v;
  }
  return out;
}

const cell = (s: string) => s.replace(/\|/g, '\\|');

/** docs/configuration.md, generated so the reference cannot drift from the code. */
export function renderConfigReference(schema: ConfigSchema): string {
  const out = [
    '# Configuration reference',
    '',
    '<!-- Generated from src/config/config-schema.ts by `npm run docs:config`; do not edit by hand. -->',
    '',
    'idtrail reads its settings from, in increasing order of precedence:',
    '',
    '1. built-in defaults;',
    '2. a configuration file: `--config FILE`, or `IDTRAIL_CONFIG`, or else `idtrail.yaml`, `idtrail.yml` or',
    '   `idtrail.json` in the working directory. Keys may be nested (`server: {port: 8080}`) or dotted',
    '   (`server.port: 8080`);',
    '3. environment variables;',
    '4. command-line flags of `idtrail serve`.',
    '',
    'Everything is validated at start-up; a bad value stops the server with a message naming the key and',
    'where the value came from. `idtrail config check` (same flags as `serve`) prints the effective',
    'configuration and the source of every value, with secrets masked.',
    '',
    '| key | type | default | environment | flag | description |',
    '|---|---|---|---|---|---|',
  ];
  for (const [key, def] of Object.entries(schema)) {
    const type = def.type === 'enum' ? (def.values ?? []).join(' \\| ') : def.type + (def.min !== undefined || def.max !== undefined ? ` (${def.min ?? ''}–${def.max ?? ''})` : '');
    const dflt = def.default === null ? '—' : `\`${Array.isArray(def.default) ? def.default.join(',') : String(def.default)}\``;
    const flag = def.flag ? (def.type === 'bool' ? `\`--${def.flag}\` / \`--no-${def.flag}\`` : `\`--${def.flag}\``) : '—';
    const doc = def.secret ? `${def.doc} *Secret: masked in output and logs.*` : def.doc;
    out.push(`| \`${key}\` | ${cell(type)} | ${dflt} | ${def.env ? `\`${def.env}\`` : '—'} | ${flag} | ${cell(doc)} |`);
  }
  out.push('', '## Example `idtrail.yaml`', '', '```yaml');
  const groups = new Map<string, string[]>();
  for (const [key, def] of Object.entries(schema)) {
    const [g, ...rest] = key.split('.');
    if (def.default === null || def.secret) continue;
    const line = `  ${rest.join('.')}: ${Array.isArray(def.default) ? JSON.stringify(def.default) : String(def.default)}`;
    groups.set(g!, [...(groups.get(g!) ?? []), line]);
  }
  for (const [g, lines] of groups) out.push(`${g}:`, ...lines);
  out.push('```', '');
  return out.join('\n');
}
