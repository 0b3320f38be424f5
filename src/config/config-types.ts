// The building blocks of the configuration schema: one KeyDef per key, each knowing how to read
// its value from a config file (typed YAML/JSON), an environment variable or a flag (strings).
export type KeyType = 'string' | 'path' | 'int' | 'bool' | 'enum' | 'size' | 'list';
export type ConfigSource = 'default' | 'file' | 'env' | 'flag';

export interface KeyDef<T> {
  readonly type: KeyType;
  /** null means "not set"; the key is then optional. */
  readonly default: T;
  /** Environment variable name (IDTRAIL_…). */
  readonly env?: string;
  /** Long flag name without dashes (`data-dir`); booleans also get `--no-<flag>`. */
  readonly flag?: string;
  readonly short?: string;
  /** Masked by `config check` and never logged. */
  readonly secret?: boolean;
  /** One line for --help and docs/configuration.md. */
  readonly doc: string;
  readonly values?: readonly string[];
  readonly min?: number;
  readonly max?: number;
  /** Convert a raw value; throws a message (not an Error) describing what was expected. */
  parse(raw: unknown): T;
}

export type ConfigSchema = Readonly<Record<string, KeyDef<unknown>>>;
export type ConfigOf<S extends ConfigSchema> = { readonly [K in keyof S]: S[K] extends KeyDef<infer T> ? T : never };

interface Common {
  readonly env?: string;
  readonly flag?: string;
  readonly short?: string;
  readonly secret?: boolean;
  readonly doc: string;
}

const show = (v: unknown) => (typeof v === 'string' ? `'${v}'` : JSON.stringify(v));

function parseString(raw: unknown): string {
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  throw `expected a string, got ${show(raw)}`;
}

function parseInt10(min: number | undefined, max: number | undefined) {
  return (raw: unknown): number => {
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : NaN;
    const range = min !== undefined && max !== undefined ? ` from ${min} to ${max}` : min !== undefined ? ` of at least ${min}` : '';
    if (!Number.isSafeInteger(n) || (min !== undefined && n < min) || (max !== undefined && n > max)) {
      throw `expected a whole number${range}, got ${show(raw)}`;
    }
    return n;
  };
}

const TRUE = ['true', '1', 'yes', 'on'];
const FALSE = ['false', '0', 'no', 'off'];
function parseBool(raw: unknown): boolean {
  if (typeof raw === 'boolean') return raw;
  const s = String(raw).trim().toLowerCase();
  if (TRUE.includes(s)) return true;
  if (FALSE.includes(s)) return false;
  throw `expected true or false, got ${show(raw)}`;
}

const UNITS: Record<string, number> = { b: 1, kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3, tib: 1024 ** 4 };

/** A validated size ('64MB', '1GiB', '0B') in bytes. */
export function sizeToBytes(size: string): number {
  const m = /^(\d+(?:\.\d+)?)([a-z]+)$/i.exec(size.trim());
  const unit = m ? UNITS[m[2]!.toLowerCase()] : undefined;
  if (!m || unit === undefined) throw new RangeError(`not a size: ${JSON.stringify(size)}`);
  return Math.round(Number(m[1]) * unit);
}

function parseSize(raw: unknown): string {
  const s = typeof raw === 'number' ? `${raw}B` : typeof raw === 'string' ? raw.trim() : '';
  if (!/^\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(s)) throw `expected a size such as 512MB or 4GB, got ${show(raw)}`;
  return s.replace(/\s+/g, '');
}

function parseList(raw: unknown): string[] {
  // Environment variables and flags carry lists comma-separated; files use real arrays.
  if (typeof raw === 'string') return raw.split(',').map((s) => s.trim()).filter(Boolean);
  if (Array.isArray(raw) && raw.every((x) => typeof x === 'string')) return raw as string[];
  throw `expected a list of strings, got ${show(raw)}`;
}

function stringKey(o: Common & { default: string }): KeyDef<string>;
function stringKey(o: Common & { default: null }): KeyDef<string | null>;
function stringKey(o: Common & { default: string | null }): KeyDef<string | null> {
  return { type: 'string', ...o, parse: parseString };
}
function pathKey(o: Common & { default: string }): KeyDef<string>;
function pathKey(o: Common & { default: null }): KeyDef<string | null>;
function pathKey(o: Common & { default: string | null }): KeyDef<string | null> {
  return { type: 'path', ...o, parse: parseString };
}

export const keyDef = {
  string: stringKey,
  path: pathKey,
  int: (o: Common & { default: number; min?: number; max?: number }): KeyDef<number> => ({ type: 'int', ...o, parse: parseInt10(o.min, o.max) }),
  bool: (o: Common & { default: boolean }): KeyDef<boolean> => ({ type: 'bool', ...o, parse: parseBool }),
  size: (o: Common & { default: string }): KeyDef<string> => ({ type: 'size', ...o, parse: parseSize }),
  list: (o: Common & { default: readonly string[] }): KeyDef<readonly string[]> => ({ type: 'list', ...o, parse: parseList }),
  enum: <const V extends string>(values: readonly V[], o: Common & { default: NoInfer<V> }): KeyDef<V> => ({
    type: 'enum',
    ...o,
    values,
    parse: (raw: unknown): V => {
      const s = typeof raw === 'string' ? raw.trim() : raw;
      if (typeof s === 'string' && (values as readonly string[]).includes(s)) return s as V;
      throw `expected one of ${values.join(', ')}, got ${show(raw)}`;
    },
  }),
};

export class ConfigError extends Error {
  readonly code = 'IDT_CONFIG_INVALID';
  constructor(readonly problems: readonly string[]) {
    super(problems.length === 1 ? `invalid configuration: ${problems[0]}` : `invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}
