// ClickHouse rendering of the IR hooks, written to run on 18.16 (Debian's) and on current versions:
// values are literals from clickhouseLiteral (18.16 has no server-side parameters), datetimes are
// fixed-width ISO text (no DateTime64; see store/clickhouse/clickhouse-layout.ts), booleans are UInt8.
import type { AggFn, IrType } from '../ir/nodes.ts';
import { normalizeDateTime } from '../../model/index.ts';
import { SqlCompileError, type SqlDialect } from './dialect.ts';
import { clickhouseIdent, clickhouseLiteral } from './clickhouse-literal.ts';
import { dynamicFns } from './clickhouse-dynamic.ts';

const TYPE: Record<IrType, string | null> = {
  string: 'String', int: 'Int32', long: 'Int64', double: 'Float64', bool: 'UInt8',
  datetime: 'String', timespan: 'Int64', dynamic: 'String', null: null, unknown: null,
};
const CONVERT: Partial<Record<IrType, string>> = {
  string: 'toString', int: 'toInt32', long: 'toInt64', double: 'toFloat64', bool: 'toUInt8', timespan: 'toInt64',
};

// Datetime text ↔ DateTime seconds ↔ Int64 nanoseconds.
const dtSec = (x: string) => `toDateTime(substring(${x}, 1, 19), 'UTC')`;
const dtNs = (x: string) => `(toInt64(${dtSec(x)}) * 1000000000 + toInt64(substring(${x}, 21, 9)))`;
const secToText = (sec: string) => `concat(replaceOne(toString(toDateTime(${sec}), 'UTC'), ' ', 'T'), '.000000000Z')`;
const nsToText = (ns: string) =>
  `concat(replaceOne(toString(toDateTime(intDiv(${ns}, 1000000000)), 'UTC'), ' ', 'T'), '.', substring(toString(1000000000 + (${ns}) % 1000000000), 2), 'Z')`;
const DAY_NS = '86400000000000';

/** A regular expression matching the text of `p` literally (Kusto `has` takes a term, not a regex). */
const regexQuote = (p: string) => `replaceRegexpAll(${p}, '([\\\\\\\\.^$|?*+()\\\\[\\\\]{}])', '\\\\\\\\\\\\1')`;

const fns: Record<string, (a: readonly string[]) => string> = {
  ...dynamicFns,
  startswith: ([s, p]) => `startsWith(lowerUTF8(${s}), lowerUTF8(${p}))`,
  endswith: ([s, p]) => `endsWith(lowerUTF8(${s}), lowerUTF8(${p}))`,
  contains: ([s, p]) => `(positionCaseInsensitiveUTF8(${s}, ${p}) > 0)`,
  has: ([s, p]) => `match(${s}, concat('(?i)(^|[^[:alnum:]])', ${regexQuote(p!)}, '($|[^[:alnum:]])'))`,
  startswith_cs: ([s, p]) => `startsWith(${s}, ${p})`,
  endswith_cs: ([s, p]) => `endsWith(${s}, ${p})`,
  contains_cs: ([s, p]) => `(position(${s}, ${p}) > 0)`,
  has_cs: ([s, p]) => `match(${s}, concat('(^|[^[:alnum:]])', ${regexQuote(p!)}, '($|[^[:alnum:]])'))`,
  matches_regex: ([s, p]) => `match(${s}, ${p})`,
  lower: ([s]) => `lowerUTF8(${s})`,
  upper: ([s]) => `upperUTF8(${s})`,
  strlen: ([s]) => `toInt64(lengthUTF8(${s}))`,
  concat: (a) => (a.length === 1 ? `toString(${a[0]})` : `concat(${a.join(', ')})`),
  substring: ([s, start, len]) => `substringUTF8(${s}, (${start}) + 1, ${len ?? '1000000000'})`,
  trim: ([s]) => `replaceRegexpAll(${s}, '^\\\\s+|\\\\s+$', '')`,
  replace_regex: ([s, re, by]) => `replaceRegexpAll(${s}, ${re}, ${by})`,
  // ClickHouse's extract returns the first capture group (or the whole match without groups); the
  // KQL lowering rewrites constant regexes so the wanted group is the first (kql-functions extractCall).
  extract: ([re, g, s]) => {
    if (!/^(?:toU?Int\d+\()?1\)?$/.test(g!)) throw new SqlCompileError('extract() of a capture group other than the first is not available on ClickHouse unless the regex and group are constants');
    return `nullIf(extract(${s}, ${re}), '')`;
  },
  split: ([s, d]) => `splitByString(${d}, ${s})`,
  indexof: ([s, p]) => `(toInt64(positionUTF8(${s}, ${p})) - 1)`,
  now: () => secToText('now()'),
  // Numeric bin is not expressible without knowing the argument's type; datetimes are what KQL bins.
  // Kusto: a bin size that is not positive gives null.
  bin: ([x, size]) => `if((${size}) > 0, floor((${x}) / (${size})) * (${size}), NULL)`,
  bin_datetime: ([x, size]) => `if((${size}) > 0, ${nsToText(`(intDiv(${dtNs(x!)}, greatest(${size}, 1)) * (${size}))`)}, NULL)`,
  startofday: ([x]) => `concat(substring(${x}, 1, 10), 'T00:00:00.000000000Z')`,
  startofweek: ([x]) => `concat(toString(toDate(${dtSec(x!)}) - (toDayOfWeek(${dtSec(x!)}) % 7)), 'T00:00:00.000000000Z')`,
  startofmonth: ([x]) => `concat(substring(${x}, 1, 8), '01T00:00:00.000000000Z')`,
  endofday: ([x]) => `concat(substring(${x}, 1, 10), 'T23:59:59.999999000Z')`,
  dayofweek: ([x]) => `(toInt64(toDayOfWeek(${dtSec(x!)}) % 7) * ${DAY_NS})`,
  hourofday: ([x]) => `toInt64(substring(${x}, 12, 2))`,
  dayofmonth: ([x]) => `toInt64(substring(${x}, 9, 2))`,
  format_datetime: ([x, f]) => `formatDateTime(${dtSec(x!)}, ${f})`,
  datetime_diff_seconds: ([a, b]) => `((${dtNs(a!)} - ${dtNs(b!)}) / 1e9)`,
  coalesce: (a) => `coalesce(${a.join(', ')})`,
  abs: ([x]) => `abs(${x})`,
  round: ([x, n]) => `round(${x}, ${n ?? '0'})`,
  floor: ([x]) => `floor(${x})`,
  // Kusto: null for a negative argument (ClickHouse gives nan), log(0) is -infinity.
  sqrt: ([x]) => `if((${x}) >= 0, sqrt(${x}), NULL)`,
  log: ([x]) => `if((${x}) >= 0, log(${x}), NULL)`,
  exp: ([x]) => `exp(${x})`,
  pow: ([x, y]) => `pow(${x}, ${y})`,
  scalar_list_length: ([x]) => `toInt64(length(${x}))`,
  isempty: ([x]) => `(isNull(${x}) OR empty(assumeNotNull(${x})))`,
  geo_distance: ([lon1, lat1, lon2, lat2]) => {
    const r = (d: string) => `((${d}) * pi() / 180)`;
    return `(6371008.8 * 2 * asin(sqrt(pow(sin((${r(lat2!)} - ${r(lat1!)}) / 2), 2) + cos(${r(lat1!)}) * cos(${r(lat2!)}) * pow(sin((${r(lon2!)} - ${r(lon1!)}) / 2), 2))))`;
  },
  hash: ([x]) => `toInt64(bitShiftRight(cityHash64(${x}), 1))`,
  // Records and lists of records are stored as their JSON text (clickhouse-layout.ts).
  stored_json: ([x]) => x!,
  string_to_dynamic: ([x]) => jsonString(x!),
  // List elements already render as ISO-8601 text here (only DuckDB's to_json needs the rewrite).
  datetime_to_json_text: ([x]) => x!,
  long_to_dynamic: ([x]) => `toString(${x})`,
  bool_to_dynamic: ([x]) => `multiIf(isNull(${x}), NULL, ${x} != 0, 'true', 'false')`,
  // A stored list of scalars is an Array column holding the record's list, which is never null
  // (normalizing makes an absent list []): an empty array is the empty list, '[]' as on DuckDB.
  string_list_to_dynamic: ([x]) => `concat('[', arrayStringConcat(arrayMap(e -> ${jsonString('e')}, ${x}), ','), ']')`,
  list_has: ([l, x]) => `has(${l}, ${x})`,
  random: () => '(rand() / 4294967296)',
  timespan_part: ([x, unit, m]) => `(intDiv(abs(toInt64(${x})), toInt64(${unit})) % toInt64(${m}))`,
  zero_pad: ([n, w]) => {
    const t = `toString(${n})`;
    return `if(length(${t}) >= ${w}, ${t}, concat(substring('00000000', 1, toUInt64(${w} - length(${t}))), ${t}))`;
  },
};

/**
 * A string as a JSON string literal (what to_json gives on DuckDB): backslash, quote and the usual
 * control characters escaped. 18.16 has no JSON serialiser; rarer control characters stay as they are.
 */
function jsonString(x: string): string {
  const pairs: Array<[string, string]> = [['\\\\', '\\\\\\\\'], ['"', '\\\\"'], ['\\n', '\\\\n'], ['\\r', '\\\\r'], ['\\t', '\\\\t']];
  const escaped = pairs.reduce((acc, [from, to]) => `replaceAll(${acc}, '${from}', '${to}')`, x);
  return `concat('"', ${escaped}, '"')`;
}

/** Segments of a lambda variable's path become part of an identifier, so they must be plain words. */
function checkSegments(path: readonly string[]): void {
  for (const p of path) if (!/^[A-Za-z0-9_]+$/.test(p)) throw new SqlCompileError(`property name ${JSON.stringify(p)} cannot be used in a lambda on ClickHouse`);
}

/** The value as Nullable, or NULL where the filter does not hold. */
const nullIfNot = (sql: string, filter: string | null) => (filter ? `if(${filter}, toNullable(${sql}), NULL)` : `toNullable(${sql})`);

export const clickhouseDialect: SqlDialect = {
  name: 'clickhouse',
  aliasShadowsColumns: true,
  noWindowFunctions: true,
  quoteIdent: clickhouseIdent,
  bind(value, type) {
    if (type === 'datetime' && typeof value === 'string') {
      const n = normalizeDateTime(value);
      if (n === null) throw new SqlCompileError(`${JSON.stringify(value)} is not an ISO-8601 date-time`);
      const dot = n.indexOf('.');
      const frac = dot < 0 ? '' : n.slice(dot + 1, -1);
      return clickhouseLiteral(`${n.slice(0, 19)}.${frac.padEnd(9, '0').slice(0, 9)}Z`);
    }
    return clickhouseLiteral(value);
  },
  fieldAccess(columnSql, path) {
    if (path.length === 0) return columnSql;
    throw new SqlCompileError(`nested property ${path.join('/')} of a derived column cannot be read on ClickHouse; filter before projecting`);
  },
  // A lambda over a list of objects binds one variable per item property (`lv0__result`), paired
  // with the parallel array column of that property; see lambda() below.
  varAccess(varSql, path) {
    checkSegments(path);
    return path.length ? `${varSql}__${path.join('__')}` : varSql;
  },
  lambda(quantifier, coll, v, pred) {
    const fn = quantifier === 'any' ? 'arrayExists' : 'arrayAll';
    const names = [...new Set(pred.match(new RegExp(`\\b${v}(?:__[A-Za-z0-9_]+)?\\b`, 'g')) ?? [])];
    const body = `coalesce(${pred}, 0)`;
    if (names.length === 0) return quantifier === 'any' ? `(notEmpty(${coll}) AND ${body})` : `(empty(${coll}) OR ${body})`;
    if (names.length === 1 && names[0] === v) return `${fn}(${v} -> ${body}, ${coll})`;
    if (names.includes(v)) throw new SqlCompileError('a lambda on ClickHouse may use item properties or the item itself, not both');
    // The collection is the JSON column of a list of objects; its properties live in `<column>__<prop>`.
    const m = /^(.*)`([^`]+)`$/.exec(coll);
    if (!m) throw new SqlCompileError('a lambda over item properties needs a stored list column on ClickHouse');
    const arrays = names.map((n) => `${m[1]}\`${m[2]}${n.slice(v.length)}\``);
    return `${fn}((${names.join(', ')}) -> ${body}, ${arrays.join(', ')})`;
  },
  call(fn, args) {
    const r = fns[fn];
    if (!r) throw new SqlCompileError(`function '${fn}' is not available on ClickHouse`);
    return r(args);
  },
  cast(sql, to) {
    if (sql === 'NULL') return TYPE[to] ? `CAST(NULL AS Nullable(${TYPE[to]}))` : 'NULL';
    if (to === 'datetime') return sql.startsWith("'") ? sql : secToText(`parseDateTimeBestEffort(toString(${sql}))`);
    if (to === 'string' && sql.startsWith("'")) return sql;
    const f = CONVERT[to];
    return f ? `${f}(${sql})` : sql;
  },
  // 18.16 has no JSONExtract: visitParamExtractRaw finds a key by name (first occurrence), which is
  // exact for flat objects and approximate for nested ones. Array indexes are not supported.
  jsonPath(sql, path) {
    return path.reduce<string>((acc, p) => {
      if (typeof p === 'number') throw new SqlCompileError('JSON array indexes are not supported on ClickHouse 18.16');
      return `visitParamExtractRaw(${acc}, ${clickhouseLiteral(p)})`;
    }, sql);
  },
  agg(fn: AggFn, args, distinct, filter) {
    // The -If combinator is ClickHouse's FILTER (WHERE …).
    const call = (name: string, a: readonly string[], params = '') =>
      filter ? `${name}If${params}(${[...a, filter].join(', ')})` : `${name}${params}(${a.join(', ')})`;
    switch (fn) {
      case 'count':
        if (args.length === 0) return `toInt64(${call('count', [])})`;
        return `toInt64(${distinct ? call('uniqExact', [args[0]!]) : call('count', [args[0]!])})`;
      case 'dcount':
        return `toInt64(${call('uniqExact', [args[0]!])})`;
      // SQL gives NULL for these over no rows (an empty table, or no row passing FILTER). ClickHouse
      // gives the type's default (0, '') unless the argument is Nullable, and 18.16's -If over a
      // Nullable argument still returns the default when rows existed but none passed. So the
      // filter goes into the argument (NULL when it fails), which the Null combinator skips.
      case 'sum':
      case 'avg':
      case 'min':
      case 'max':
        return `${fn}${distinct ? 'Distinct' : ''}(${nullIfNot(args[0]!, filter)})`;
      case 'any_value':
        return `any(${nullIfNot(args[0]!, filter)})`;
      case 'stdev':
        return `stddevSamp(${nullIfNot(args[0]!, filter)})`;
      case 'variance':
        return `varSamp(${nullIfNot(args[0]!, filter)})`;
      case 'make_set':
        return call('groupUniqArray', [args[0]!]);
      case 'make_list':
        return call('groupArray', [args[0]!]);
      case 'make_bag':
        throw new SqlCompileError('make_bag() is not available on ClickHouse');
      case 'arg_max':
        return `argMax(${nullIfNot(args[0]!, null)}, ${nullIfNot(args[1]!, filter)})`;
      case 'arg_min':
        return `argMin(${nullIfNot(args[0]!, null)}, ${nullIfNot(args[1]!, filter)})`;
      case 'percentile': {
        // The level is a parameter and must be a constant: unwrap the literal's conversion.
        const level = Number(/^(?:to\w+\()?(-?[\d.e+]+)\)?$/.exec(args[1] ?? '')?.[1]);
        if (!Number.isFinite(level)) throw new SqlCompileError('percentile needs a constant level on ClickHouse');
        return call('quantile', [args[0]!], `(${level / 100})`);
      }
      default: {
        const never: never = fn;
        throw new SqlCompileError(`aggregate ${String(never)}`);
      }
    }
  },
  equalsCI(l, r) {
    return `(lowerUTF8(${l}) = lowerUTF8(${r}))`;
  },
  unnest(listSql, keepEmpty) {
    return keepEmpty ? `arrayJoin(if(empty(${listSql}), [NULL], arrayMap(x -> toNullable(x), ${listSql})))` : `arrayJoin(${listSql})`;
  },
};
