// DuckDB rendering of the IR hooks. Values are always `$n` parameters.
import type { AggFn, IrType } from '../ir/nodes.ts';
import { SqlCompileError, type SqlDialect } from './dialect.ts';

const TYPE: Record<IrType, string | null> = {
  string: 'VARCHAR',
  int: 'INTEGER',
  long: 'BIGINT',
  double: 'DOUBLE',
  bool: 'BOOLEAN',
  datetime: 'TIMESTAMP_NS',
  timespan: 'BIGINT', // nanoseconds
  dynamic: 'JSON',
  null: null,
  unknown: null,
};

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** Kusto format_datetime specifiers → strftime. */
function kustoFormatToStrftime(fmt: string): string {
  return fmt
    .replace(/yyyy/g, '%Y').replace(/yy/g, '%y')
    .replace(/MM/g, '%m').replace(/dd/g, '%d')
    .replace(/HH/g, '%H').replace(/hh/g, '%I')
    .replace(/mm/g, '%M').replace(/ss/g, '%S')
    .replace(/fffffff|ffffff/g, '%f').replace(/fff/g, '%g').replace(/tt/g, '%p');
}

const fns: Record<string, (a: readonly string[]) => string> = {
  startswith: ([s, p]) => `starts_with(lower(${s}), lower(${p}))`,
  endswith: ([s, p]) => `suffix(lower(${s}), lower(${p}))`,
  contains: ([s, p]) => `contains(lower(${s}), lower(${p}))`,
  // Kusto `has`: a whole term (bounded by non-alphanumerics).
  has: ([s, p]) => `regexp_matches(${s}, '(^|[^[:alnum:]])' || regexp_escape(${p}) || '($|[^[:alnum:]])', 'i')`,
  startswith_cs: ([s, p]) => `starts_with(${s}, ${p})`,
  endswith_cs: ([s, p]) => `suffix(${s}, ${p})`,
  contains_cs: ([s, p]) => `contains(${s}, ${p})`,
  has_cs: ([s, p]) => `regexp_matches(${s}, '(^|[^[:alnum:]])' || regexp_escape(${p}) || '($|[^[:alnum:]])')`,
  matches_regex: ([s, p]) => `regexp_matches(${s}, ${p})`,
  lower: ([s]) => `lower(${s})`,
  upper: ([s]) => `upper(${s})`,
  strlen: ([s]) => `length(${s})`,
  concat: (a) => `concat(${a.join(', ')})`,
  substring: ([s, start, len]) => (len ? `substr(${s}, (${start}) + 1, ${len})` : `substr(${s}, (${start}) + 1)`),
  trim: ([s]) => `trim(${s})`,
  replace_regex: ([s, re, by]) => `regexp_replace(${s}, ${re}, ${by}, 'g')`,
  extract: ([re, g, s]) => `nullif(regexp_extract(${s}, ${re}, ${g}), '')`,
  split: ([s, d]) => `to_json(string_split(${s}, ${d}))`,
  indexof: ([s, p]) => `(strpos(${s}, ${p}) - 1)`,
  now: () => `CAST(now() AS TIMESTAMP_NS)`,
  bin: ([x, size]) => `(CASE WHEN typeof(${x}) LIKE 'TIMESTAMP%' THEN CAST(make_timestamp_ns(CAST(floor(epoch_ns(CAST(${x} AS TIMESTAMP_NS)) / (${size})) * (${size}) AS BIGINT)) AS TIMESTAMP_NS) ELSE floor((${x}) / (${size})) * (${size}) END)`,
  startofday: ([x]) => `CAST(date_trunc('day', ${x}) AS TIMESTAMP_NS)`,
  startofweek: ([x]) => `CAST(date_trunc('day', ${x}) - to_days(CAST(dayofweek(${x}) AS INTEGER)) AS TIMESTAMP_NS)`,
  startofmonth: ([x]) => `CAST(date_trunc('month', ${x}) AS TIMESTAMP_NS)`,
  endofday: ([x]) => `CAST(date_trunc('day', ${x}) + INTERVAL 1 DAY - INTERVAL 1 MICROSECOND AS TIMESTAMP_NS)`,
  dayofweek: ([x]) => `(CAST(dayofweek(${x}) AS BIGINT) * 86400000000000)`,
  hourofday: ([x]) => `CAST(hour(${x}) AS BIGINT)`,
  dayofmonth: ([x]) => `CAST(day(${x}) AS BIGINT)`,
  format_datetime: ([x, f]) => `strftime(${x}, ${f})`,
  datetime_diff_seconds: ([a, b]) => `((epoch_ns(CAST(${a} AS TIMESTAMP_NS)) - epoch_ns(CAST(${b} AS TIMESTAMP_NS))) / 1e9)`,
  coalesce: (a) => `coalesce(${a.join(', ')})`,
  abs: ([x]) => `abs(${x})`,
  round: ([x, n]) => `round(${x}, ${n ?? '0'})`,
  floor: ([x]) => `floor(${x})`,
  sqrt: ([x]) => `sqrt(${x})`,
  log: ([x]) => `ln(${x})`,
  exp: ([x]) => `exp(${x})`,
  pow: ([x, y]) => `pow(${x}, ${y})`,
  array_length: ([x]) => `(CASE WHEN typeof(${x}) = 'JSON' THEN CAST(json_array_length(CAST(${x} AS JSON)) AS BIGINT) ELSE CAST(len(${x}) AS BIGINT) END)`,
  isempty: ([x]) => `(${x} IS NULL OR CAST(${x} AS VARCHAR) IN ('', '[]'))`,
  geo_distance: ([lon1, lat1, lon2, lat2]) =>
    `(6371008.8 * 2 * asin(sqrt(pow(sin(radians((${lat2}) - (${lat1})) / 2), 2) + cos(radians(${lat1})) * cos(radians(${lat2})) * pow(sin(radians((${lon2}) - (${lon1})) / 2), 2))))`,
  hash: ([x]) => `CAST(hash(${x}) >> 1 AS BIGINT)`,
};

export const duckdbDialect: SqlDialect = {
  name: 'duckdb',
  quoteIdent: quote,
  bind(value, _type, params) {
    params.push(value);
    return `$${params.length}`;
  },
  fieldAccess(columnSql, path) {
    return path.reduce((acc, p) => `${acc}.${quote(p)}`, columnSql);
  },
  varAccess(varSql, path) {
    return path.reduce((acc, p) => `${acc}.${quote(p)}`, varSql);
  },
  lambda(quantifier, coll, v, pred) {
    return quantifier === 'any'
      ? `coalesce(len(list_filter(${coll}, lambda ${v}: coalesce(${pred}, false))) > 0, false)`
      : `coalesce(len(list_filter(${coll}, lambda ${v}: NOT coalesce(${pred}, false))) = 0, true)`;
  },
  listContainsAny(coll, values) {
    return values.length === 1
      ? `coalesce(list_contains(${coll}, ${values[0]}), false)`
      : `coalesce(list_has_any(${coll}, [${values.join(', ')}]), false)`;
  },
  call(fn, args) {
    const r = fns[fn];
    if (!r) throw new SqlCompileError(`function '${fn}' is not available on DuckDB`);
    return r(args);
  },
  cast(sql, to) {
    const t = TYPE[to];
    return t ? `CAST(${sql} AS ${t})` : sql;
  },
  jsonPath(sql, path) {
    const jp = '$' + path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${JSON.stringify(p)}`)).join('');
    return `json_extract(CAST(${sql} AS JSON), '${jp.replace(/'/g, "''")}')`;
  },
  agg(fn: AggFn, args, distinct, filter) {
    const d = distinct ? 'DISTINCT ' : '';
    const f = filter ? ` FILTER (WHERE ${filter})` : '';
    switch (fn) {
      case 'count':
        return `CAST(count(${args.length ? d + args[0] : '*'})${f} AS BIGINT)`;
      case 'dcount':
        return `CAST(count(DISTINCT ${args[0]})${f} AS BIGINT)`;
      case 'sum':
      case 'avg':
      case 'min':
      case 'max':
        return `${fn}(${d}${args[0]})${f}`;
      case 'any_value':
        return `any_value(${args[0]})${f}`;
      case 'make_set':
        return `to_json(list(DISTINCT ${args[0]})${f})`;
      case 'make_list':
        return `to_json(list(${args[0]})${f})`;
      case 'arg_max':
        return `arg_max(${args[0]}, ${args[1]})${f}`;
      case 'arg_min':
        return `arg_min(${args[0]}, ${args[1]})${f}`;
      case 'percentile':
        return `quantile_cont(${args[0]}, (${args[1]}) / 100.0)${f}`;
      default: {
        const never: never = fn;
        throw new SqlCompileError(`aggregate ${String(never)}`);
      }
    }
  },
  equalsCI(l, r) {
    return `(lower(${l}) = lower(${r}))`;
  },
  unnest(listSql, keepEmpty) {
    return keepEmpty
      ? `unnest(CASE WHEN ${listSql} IS NULL OR len(${listSql}) = 0 THEN [NULL] ELSE ${listSql} END)`
      : `unnest(${listSql})`;
  },
};

export { kustoFormatToStrftime };
