// Resolve the effective configuration: defaults < config file < environment < flags.
// Every problem names the key and where the bad value came from, and all are reported at once so
// an operator fixes a file in one pass.
import { existsSync, readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ConfigError, type ConfigOf, type ConfigSchema, type ConfigSource, type KeyDef } from './config-types.ts';

export interface ConfigInputs {
  /** Parsed config file contents and its path, or null when there is none. */
  readonly file?: { readonly path: string; readonly data: unknown } | null;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Flag values keyed by commander's camelCase attribute name (`dataDir`); undefined = not given. */
  readonly flags?: Readonly<Record<string, unknown>>;
}

export interface LoadedConfig<S extends ConfigSchema> {
  readonly values: ConfigOf<S>;
  readonly origin: { readonly [K in keyof S]: ConfigSource };
  readonly file: string | null;
}

export const CONFIG_FILE_NAMES = ['idtrail.yaml', 'idtrail.yml', 'idtrail.json'];

export const flagAttr = (flag: string) => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** The file named by --config or IDTRAIL_CONFIG, else the first idtrail.{yaml,yml,json} in cwd. */
export function findConfigFile(explicit: string | undefined, env: Readonly<Record<string, string | undefined>>, cwd = process.cwd()): string | null {
  const named = explicit ?? env['IDTRAIL_CONFIG'];
  if (named) {
    if (!existsSync(named)) throw new ConfigError([`the config file ${named} does not exist`]);
    return resolve(named);
  }
  for (const n of CONFIG_FILE_NAMES) if (existsSync(resolve(cwd, n))) return resolve(cwd, n);
  return null;
}

export function readConfigFile(path: string): { path: string; data: unknown } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError([`cannot read the config file ${path}: ${(e as Error).message}`]);
  }
  try {
    const data = extname(path).toLowerCase() === '.json' ? JSON.parse(text) : parseYaml(text);
    return { path, data: data ?? {} };
  } catch (e) {
    throw new ConfigError([`the config file ${path} is not valid ${extname(path) === '.json' ? 'JSON' : 'YAML'}: ${(e as Error).message}`]);
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Nested (`server: {port: 1}`) or dotted (`server.port: 1`) file keys → dotted keys. */
function flattenFile(schema: ConfigSchema, data: unknown, file: string, problems: string[]): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const keys = Object.keys(schema);
  const walk = (obj: Record<string, unknown>, prefix: string) => {
    for (const [k, v] of Object.entries(obj)) {
      const key = prefix + k;
      if (key in schema) out.set(key, v);
      else if (isPlainObject(v) && keys.some((s) => s.startsWith(key + '.'))) walk(v, key + '.');
      else problems.push(`${key}: unknown key in ${file}${suggest(key, keys)}`);
    }
  };
  if (!isPlainObject(data)) problems.push(`${file}: expected a mapping of keys to values at the top level`);
  else walk(data, '');
  return out;
}

function suggest(key: string, keys: readonly string[]): string {
  const last = key.split('.').pop()!.toLowerCase();
  const near = keys.find((k) => k.toLowerCase() === key.toLowerCase()) ?? keys.find((k) => k.split('.').pop()!.toLowerCase() === last);
  return near ? ` (did you mean ${near}?)` : '';
}

export function resolveConfig<S extends ConfigSchema>(schema: S, inputs: ConfigInputs): LoadedConfig<S> {
  const problems: string[] = [];
  const fileValues = inputs.file ? flattenFile(schema, inputs.file.data, inputs.file.path, problems) : new Map<string, unknown>();
  const env = inputs.env ?? {};
  const flags = inputs.flags ?? {};
  const values: Record<string, unknown> = {};
  const origin: Record<string, ConfigSource> = {};
  for (const [key, def] of Object.entries(schema) as Array<[string, KeyDef<unknown>]>) {
    let raw: unknown;
    let source: ConfigSource = 'default';
    let where = '';
    if (fileValues.has(key)) [raw, source, where] = [fileValues.get(key), 'file', `in ${inputs.file!.path}`];
    if (def.env && env[def.env] !== undefined && env[def.env] !== '') [raw, source, where] = [env[def.env], 'env', `from environment variable ${def.env}`];
    if (def.flag && flags[flagAttr(def.flag)] !== undefined) [raw, source, where] = [flags[flagAttr(def.flag)], 'flag', `from flag --${def.flag}`];
    origin[key] = source;
    if (source === 'default' || raw === null) {
      values[key] = def.default;
      continue;
    }
    try {
      values[key] = def.parse(raw);
    } catch (msg) {
      // Secret values are never echoed back, even in an error.
      const text = typeof msg === 'string' ? msg : (msg as Error).message;
      problems.push(`${key}: ${def.secret ? text.replace(/, got .*$/, '') : text} (${where})`);
    }
  }
  if (problems.length) throw new ConfigError(problems);
  return { values: values as ConfigOf<S>, origin: origin as LoadedConfig<S>['origin'], file: inputs.file?.path ?? null };
}

/** Find, read and resolve in one step (what the CLI does). */
export function loadConfig<S extends ConfigSchema>(
  schema: S,
  opts: { configPath?: string; env?: Readonly<Record<string, string | undefined>>; flags?: Readonly<Record<string, unknown>>; cwd?: string },
): LoadedConfig<S> {
  const env = opts.env ?? process.env;
  const path = findConfigFile(opts.configPath, env, opts.cwd);
  return resolveConfig(schema, { file: path ? readConfigFile(path) : null, env, flags: opts.flags ?? {} });
}
