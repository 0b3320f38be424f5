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

/** A JSONPath selecting one key, built in SQL so the key itself stays a bound value. */
const jsonKeyPath = (k: string) => `('$."' || replace(replace(${k}, '\\', '\\\\'), '"', '\\"') || '"')`;

/** ISO-8601 UTC text without trailing fractional zeros, as the results show datetimes. */
const isoDatetimeText = (x: string) => `(regexp_replace(strftime(CAST(${x} AS TIMESTAMP_NS), '%Y-%m-%dT%H:%M:%S.%n'), '\\.?0+$', '') || 'Z')`;

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
  extract: ([re, g, s]) => `nullif(regexp_extract(${s}, ${re}, CAST(${g} AS INTEGER)), '')`,
  split: ([s, d]) => `to_json(string_split(${s}, ${d}))`,
  extract_all: ([re, g, s]) => `to_json(regexp_extract_all(${s}, ${re}, CAST(${g} AS INTEGER)))`,
  greatest: (a) => `greatest(${a.join(', ')})`,
  least: (a) => `least(${a.join(', ')})`,
  set_union: ([a, b]) => `to_json(list_distinct(list_concat(CAST(CAST(${a} AS JSON) AS JSON[]), CAST(CAST(${b} AS JSON) AS JSON[]))))`,
  set_intersect: ([a, b]) => `to_json(list_intersect(list_distinct(CAST(CAST(${a} AS JSON) AS JSON[])), CAST(CAST(${b} AS JSON) AS JSON[])))`,
  array_concat: ([a, b]) => `to_json(list_concat(CAST(CAST(${a} AS JSON) AS JSON[]), CAST(CAST(${b} AS JSON) AS JSON[])))`,
  bag_keys: ([x]) => `(CASE WHEN json_type(CAST(${x} AS JSON)) = 'OBJECT' THEN to_json(json_keys(CAST(${x} AS JSON))) END)`,
  strcat_array: ([a, d]) => `array_to_string(list_transform(CAST(CAST(${a} AS JSON) AS JSON[]), lambda e: json_extract_string(e, '$')), ${d})`,
  is_bag: ([x]) => `coalesce(json_type(CAST(${x} AS JSON)) = 'OBJECT', false)`,
  array_head: ([a, n]) => `to_json(list_slice(CAST(CAST(${a} AS JSON) AS JSON[]), 1, CAST(${n} AS BIGINT)))`,
  indexof: ([s, p]) => `(strpos(${s}, ${p}) - 1)`,
  now: () => `CAST(now() AS TIMESTAMP_NS)`,
  // Numbers only; datetimes use bin_datetime (a CASE on typeof would type-check both branches).
  // Kusto: a bin size that is not positive gives null (DuckDB would divide by zero or overflow).
  bin: ([x, size]) => `(CASE WHEN (${size}) > 0 THEN floor((${x}) / (${size})) * (${size}) END)`,
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
  round: ([x, n]) => `round(${x}, CAST(${n ?? '0'} AS INTEGER))`,
  floor: ([x]) => `floor(${x})`,
  // Kusto: null for a negative argument (DuckDB raises an error), log(0) is -infinity.
  sqrt: ([x]) => `(CASE WHEN (${x}) >= 0 THEN sqrt(${x}) END)`,
  log: ([x]) => `(CASE WHEN (${x}) > 0 THEN ln(${x}) WHEN (${x}) = 0 THEN CAST('-inf' AS DOUBLE) END)`,
  exp: ([x]) => `exp(${x})`,
  pow: ([x, y]) => `pow(${x}, ${y})`,
  scalar_list_length: ([x]) => `CAST(len(${x}) AS BIGINT)`,
  array_length: ([x]) => `(CASE WHEN typeof(${x}) = 'JSON' THEN CAST(json_array_length(CAST(${x} AS JSON)) AS BIGINT) ELSE CAST(len(${x}) AS BIGINT) END)`,
  // Kusto's isempty: null or the empty string. The text of an empty list ('[]', e.g. RiskEventTypes_V2,
  // a string column in Log Analytics) is not empty, and neither is an empty dynamic array.
  isempty: ([x]) => `(${x} IS NULL OR CAST(${x} AS VARCHAR) = '')`,
  geo_distance: ([lon1, lat1, lon2, lat2]) =>
    `(6371008.8 * 2 * asin(sqrt(pow(sin(radians((${lat2}) - (${lat1})) / 2), 2) + cos(radians(${lat1})) * cos(radians(${lat2})) * pow(sin(radians((${lon2}) - (${lon1})) / 2), 2))))`,
  hash: ([x]) => `CAST(hash(${x}) >> 1 AS BIGINT)`,
  to_dynamic: ([x]) => `to_json(${x})`,
  stored_json: ([x]) => `to_json(${x})`,
  string_to_dynamic: ([x]) => `to_json(${x})`,
  long_to_dynamic: ([x]) => `to_json(${x})`,
  bool_to_dynamic: ([x]) => `to_json(${x})`,
  string_list_to_dynamic: ([x]) => `to_json(${x})`,
  parse_json: ([x]) => `(CASE WHEN json_valid(${x}) THEN CAST(${x} AS JSON) ELSE to_json(${x}) END)`,
  dynamic_to_string: ([x]) => `json_extract_string(CAST(${x} AS JSON), '$')`,
  // Seven fractional digits, as the catalogue says. The 'Z' is appended, not in the format: DuckDB
  // 1.5's strftime writes past %n's digits when text follows it ("…123456Z89\0").
  datetime_to_string: ([x]) => `(substr(strftime(CAST(${x} AS TIMESTAMP_NS), '%Y-%m-%dT%H:%M:%S.%n'), 1, 27) || 'Z')`,
  // to_json() of a TIMESTAMP writes "2024-01-01 10:00:00"; a Kusto dynamic holds ISO-8601 text.
  datetime_to_json_text: ([x]) => isoDatetimeText(x!),
  datetime_to_dynamic: ([x]) => `to_json(${isoDatetimeText(x!)})`,
  try_long: ([x]) => `TRY_CAST(TRY_CAST(${x} AS DOUBLE) AS BIGINT)`,
  try_double: ([x]) => `TRY_CAST(${x} AS DOUBLE)`,
  try_bool: ([x]) => `TRY_CAST(${x} AS BOOLEAN)`,
  try_datetime: ([x]) => `TRY_CAST(${x} AS TIMESTAMP_NS)`,
  bin_datetime: ([d, ns]) => `(CASE WHEN (${ns}) > 0 THEN make_timestamp_ns(CAST(floor(epoch_ns(CAST(${d} AS TIMESTAMP_NS)) / (${ns})) AS BIGINT) * CAST(${ns} AS BIGINT)) END)`,
  datetime_add: ([d, ns]) => `make_timestamp_ns(CAST(epoch_ns(CAST(${d} AS TIMESTAMP_NS)) + (${ns}) AS BIGINT))`,
  datetime_sub: ([a, b]) => `(epoch_ns(CAST(${a} AS TIMESTAMP_NS)) - epoch_ns(CAST(${b} AS TIMESTAMP_NS)))`,
  datetime_part: ([p, d]) => `CAST(date_part(${p}, CAST(${d} AS TIMESTAMP)) AS BIGINT)`,
  datetime_diff: ([p, a, b]) => `CAST(date_diff(${p}, CAST(${b} AS TIMESTAMP), CAST(${a} AS TIMESTAMP)) AS BIGINT)`,
  replace_string: ([s, a, b]) => `replace(${s}, ${a}, ${b})`,
  bag_pack: (a) => `json_object(${a.join(', ')})`,
  pack_array: (a) => `json_array(${a.join(', ')})`,
  set_has_element: ([arr, x]) => `coalesce(list_contains(CAST(CAST(${arr} AS JSON) AS VARCHAR[]), CAST(${x} AS VARCHAR)), false)`,
  array_index_of: ([arr, x]) => `(coalesce(list_position(CAST(CAST(${arr} AS JSON) AS VARCHAR[]), CAST(${x} AS VARCHAR)), 0) - 1)`,
  set_difference: ([a, b]) => `to_json(list_filter(list_distinct(CAST(CAST(${a} AS JSON) AS JSON[])), lambda e: NOT list_contains(CAST(CAST(${b} AS JSON) AS JSON[]), e)))`,
  list_has: ([l, x]) => `coalesce(list_contains(${l}, ${x}), false)`,
  dynamic_to_list: ([x]) => `(CASE WHEN json_type(CAST(${x} AS JSON)) = 'ARRAY' THEN CAST(CAST(${x} AS JSON) AS JSON[]) WHEN ${x} IS NULL THEN CAST([] AS JSON[]) ELSE [CAST(${x} AS JSON)] END)`,
  range_array: ([n]) => `to_json(range(CAST(coalesce(${n}, 0) AS BIGINT)))`,
  dynamic_index: ([a, i]) => `json_extract(CAST(${a} AS JSON), '$[' || CAST(${i} AS VARCHAR) || ']')`,
  // A JSON null under the key is no value (Kusto's bag_unpack ignores nulls).
  bag_get: ([b, k]) => `nullif(json_extract(CAST(${b} AS JSON), ${jsonKeyPath(k!)}), 'null')`,
  bag_value_type: ([b, k]) =>
    `(CASE json_type(CAST(${b} AS JSON), ${jsonKeyPath(k!)}) WHEN 'VARCHAR' THEN 'string' WHEN 'BIGINT' THEN 'long' WHEN 'UBIGINT' THEN 'long' ` +
    `WHEN 'DOUBLE' THEN 'real' WHEN 'BOOLEAN' THEN 'bool' WHEN 'NULL' THEN NULL WHEN 'OBJECT' THEN 'dynamic' WHEN 'ARRAY' THEN 'dynamic' END)`,
  parse_url: ([x]) => parseUrl(x!),
  timespan_part: ([x, unit, m]) => `((abs(CAST(${x} AS BIGINT)) // CAST(${unit} AS BIGINT)) % CAST(${m} AS BIGINT))`,
  zero_pad: ([n, w]) => `lpad(CAST(${n} AS VARCHAR), CAST(greatest(${w}, length(CAST(${n} AS VARCHAR))) AS INTEGER), '0')`,
  random: () => 'random()',
  series_anomalies: ([arr, k, trend]) => seriesAnomalies(arr!, k!, trend!),
  series_fit_line: ([arr]) => seriesFitLine(arr!),
};

/** An absolute URL: scheme, user, password, host, port, path, query, fragment (RFC 3986 shape). */
const URL_PARTS = String.raw`^([A-Za-z][A-Za-z0-9+.-]*)://(?:([^:@/?#]*)(?::([^@/?#]*))?@)?(\[[^\]]*\]|[^:/?#]*)(?::([0-9]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$`;

/**
 * Kusto parse_url: every part as text ('' when absent, all '' for a text that is not an absolute
 * URL), and the query string as an object of decoded values; a repeated key joins its values with
 * commas, the way .NET's query string parser (behind Kusto's) does.
 */
function parseUrl(x: string): string {
  const dec = (s: string) => `url_decode(replace(${s}, '+', ' '))`;
  const pairs = `list_transform(list_filter(string_split(coalesce(u.q, ''), '&'), lambda p: p <> ''), ` +
    `lambda p: {'k': ${dec(`split_part(p, '=', 1)`)}, 'v': ${dec(`CASE WHEN strpos(p, '=') > 0 THEN substr(p, strpos(p, '=') + 1) ELSE '' END`)}})`;
  const keys = `list_transform(ps, lambda e: e.k)`;
  const firstKeys = `list_filter(${keys}, lambda k, i: list_position(${keys}, k) = i)`;
  const params = `to_json(map_from_entries(list_transform(${firstKeys}, lambda k: {'k': k, 'v': array_to_string(list_transform(list_filter(ps, lambda e: e.k = k), lambda e: e.v), ',')})))`;
  const part = (p: string) => `coalesce(u.${p}, '')`;
  return `(SELECT json_object('Scheme', ${part('s')}, 'Host', ${part('h')}, 'Port', ${part('port')}, 'Path', ${part('path')}, 'Username', ${part('usr')}, ` +
    `'Password', ${part('pwd')}, 'Query Parameters', coalesce(${params}, '{}'::JSON), 'Fragment', ${part('f')}) ` +
    `FROM (SELECT u, ${pairs} AS ps FROM (SELECT CASE WHEN regexp_matches(${x}, '${URL_PARTS.replace(/'/g, "''")}') ` +
    `THEN regexp_extract(${x}, '${URL_PARTS.replace(/'/g, "''")}', ['s', 'usr', 'pwd', 'h', 'port', 'path', 'q', 'f']) END AS u)))`;
}

/**
 * Anomalies in a numeric series, after Kusto's series_decompose_anomalies without seasonality:
 * baseline = the series mean ('none'/'avg') or its least-squares line ('linefit'); residuals outside
 * Tukey's fences [Q1 − k·IQR, Q3 + k·IQR] are flagged ±1; the score is the residual over the IQR.
 */
function seriesAnomalies(arr: string, k: string, trend: string): string {
  const y = `CAST(CAST(${arr} AS JSON) AS DOUBLE[])`;
  const fit = seriesFitStruct(y);
  return `(SELECT to_json({'flags': list_transform(r, lambda e: CASE WHEN e < q1 - (${k}) * (q3 - q1) THEN -1 WHEN e > q3 + (${k}) * (q3 - q1) THEN 1 ELSE 0 END), ` +
    `'scores': list_transform(r, lambda e: CASE WHEN q3 - q1 = 0 THEN 0.0 ELSE e / (q3 - q1) END), 'baseline': b}) ` +
    `FROM (SELECT r, b, list_aggregate(r, 'quantile_cont', 0.25) AS q1, list_aggregate(r, 'quantile_cont', 0.75) AS q3 ` +
    `FROM (SELECT list_transform(range(len(y)), lambda i: y[i + 1] - b[i + 1]) AS r, b ` +
    `FROM (SELECT y, CASE WHEN ${trend} = 'linefit' THEN list_transform(range(len(y)), lambda i: f.slope * i + f.icpt) ELSE list_transform(y, lambda e: f.mean) END AS b ` +
    `FROM (SELECT y, ${fit} AS f FROM (SELECT ${y} AS y))))))`;
}

function seriesFitStruct(y: string): string {
  // slope = cov(x, y) / var(x) with x = 0..n-1, computed from list aggregates.
  const n = `len(${y})`;
  const mx = `((${n} - 1) / 2.0)`;
  const my = `list_aggregate(${y}, 'avg')`;
  const sxy = `list_sum(list_transform(range(${n}), lambda i: (i - ${mx}) * (${y}[i + 1] - ${my})))`;
  const sxx = `list_sum(list_transform(range(${n}), lambda i: (i - ${mx}) * (i - ${mx})))`;
  return `{'mean': ${my}, 'slope': CASE WHEN ${sxx} = 0 THEN 0.0 ELSE ${sxy} / ${sxx} END, 'icpt': ${my} - CASE WHEN ${sxx} = 0 THEN 0.0 ELSE ${sxy} / ${sxx} END * ${mx}}`;
}

function seriesFitLine(arr: string): string {
  const y = `CAST(CAST(${arr} AS JSON) AS DOUBLE[])`;
  return `(SELECT to_json({'slope': f.slope, 'interception': f.icpt, 'line_fit': list_transform(range(len(y)), lambda i: f.slope * i + f.icpt)}) FROM (SELECT y, ${seriesFitStruct('y')} AS f FROM (SELECT ${y} AS y)))`;
}

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
    // One list_contains per value, OR-ed: on 10M sign-ins list_has_any(l, [a, b]) costs ~0.45 s
    // against ~0.17 s for this (it builds a set per row). Past a handful of values the repeated
    // walks over the list would lose, so long lists keep list_has_any. list_contains is null only
    // for a null list, so the coalesce still turns that (and only that) into false.
    if (values.length <= 4) return `coalesce(${values.map((x) => `list_contains(${coll}, ${x})`).join(' OR ')}, false)`;
    return `coalesce(list_has_any(${coll}, [${values.join(', ')}]), false)`;
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
    // A path no document can match (a fractional or huge index, an empty key) is null: DuckDB
    // refuses to bind such a path, which would fail the whole query.
    // (The document stays in the SQL: its bound parameters must keep their places.)
    if (path.some((p) => (typeof p === 'number' ? !Number.isSafeInteger(p) : p === ''))) return `(CASE WHEN false THEN CAST(${sql} AS JSON) END)`;
    const jp = '$' + path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${JSON.stringify(p)}`)).join('');
    return `json_extract(CAST(${sql} AS JSON), '${jp.replace(/'/g, "''")}')`;
  },
  agg(fn: AggFn, args, distinct, filter, orderSql) {
    const d = distinct ? 'DISTINCT ' : '';
    const f = filter ? ` FILTER (WHERE ${filter})` : '';
    const o = orderSql ? ` ORDER BY ${orderSql}` : '';
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
      case 'stdev':
        return `stddev_samp(${args[0]})${f}`;
      case 'variance':
        return `var_samp(${args[0]})${f}`;
      // Kusto gives [] when no row contributes; list() over no rows is NULL.
      case 'make_set':
        return `coalesce(to_json(list(DISTINCT ${args[0]}${o})${f}), CAST('[]' AS JSON))`;
      case 'make_list':
        return `coalesce(to_json(list(${args[0]}${o})${f}), CAST('[]' AS JSON))`;
      case 'make_bag':
        // Merge the rows' objects; list() over no rows is NULL, and list_reduce rejects [] anyway.
        return `coalesce(list_reduce(list(CAST(${args[0]} AS JSON))${f}, lambda a, b: json_merge_patch(a, b)), CAST('{}' AS JSON))`;
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
