// The scalar functions an IR `call` may name. Front ends (OData, KQL) map their own names onto
// these; each SQL dialect renders every one of them (a missing rendering fails the dialect test).
import type { IrType } from './nodes.ts';

export interface FunctionSig {
  readonly minArgs: number;
  readonly maxArgs: number;
  /** Result type, or 'arg0' for "same as the first argument". */
  readonly returns: IrType | 'arg0';
}

const f = (minArgs: number, maxArgs: number, returns: IrType | 'arg0'): FunctionSig => ({ minArgs, maxArgs, returns });
const VAR = 64;

export const FUNCTIONS = {
  // strings: the plain names compare without regard to case (Graph and KQL defaults); *_cs are exact.
  startswith: f(2, 2, 'bool'),
  endswith: f(2, 2, 'bool'),
  contains: f(2, 2, 'bool'),
  has: f(2, 2, 'bool'),
  startswith_cs: f(2, 2, 'bool'),
  endswith_cs: f(2, 2, 'bool'),
  contains_cs: f(2, 2, 'bool'),
  has_cs: f(2, 2, 'bool'),
  matches_regex: f(2, 2, 'bool'),
  lower: f(1, 1, 'string'),
  upper: f(1, 1, 'string'),
  strlen: f(1, 1, 'long'),
  concat: f(1, VAR, 'string'),
  substring: f(2, 3, 'string'),
  trim: f(1, 1, 'string'),
  replace_regex: f(3, 3, 'string'),
  /** extract(regex, captureGroup, text) */
  extract: f(3, 3, 'string'),
  /** extract_all(regex, captureGroup, text) → dynamic array of every match's group (0 = whole match) */
  extract_all: f(3, 3, 'dynamic'),
  /** greatest/least of the arguments, nulls ignored (Kusto max_of/min_of) */
  greatest: f(1, VAR, 'arg0'),
  least: f(1, VAR, 'arg0'),
  /** dynamic array set/array operations (Kusto set_union, set_intersect, array_concat) */
  set_union: f(2, 2, 'dynamic'),
  set_intersect: f(2, 2, 'dynamic'),
  array_concat: f(2, 2, 'dynamic'),
  /** bag_keys(dynamicObject) → dynamic array of its keys (null for non-objects) */
  bag_keys: f(1, 1, 'dynamic'),
  /** strcat_array(dynamicArray, delimiter): elements as text joined by the delimiter */
  strcat_array: f(2, 2, 'string'),
  /** is_bag(dynamic): the value is a JSON object (make_bag merges only those) */
  is_bag: f(1, 1, 'bool'),
  /** array_head(dynamicArray, n): the first n elements (make_set/make_list with a size limit) */
  array_head: f(2, 2, 'dynamic'),
  /** split(text, delimiter) → list of strings */
  split: f(2, 2, 'dynamic'),
  indexof: f(2, 2, 'long'),
  // time
  now: f(0, 0, 'datetime'),
  /** bin(number, size): floor a number to a multiple of size (datetimes: bin_datetime) */
  bin: f(2, 2, 'arg0'),
  startofday: f(1, 1, 'datetime'),
  startofweek: f(1, 1, 'datetime'),
  startofmonth: f(1, 1, 'datetime'),
  endofday: f(1, 1, 'datetime'),
  /** days since Sunday as a timespan, as Kusto returns it */
  dayofweek: f(1, 1, 'timespan'),
  hourofday: f(1, 1, 'long'),
  dayofmonth: f(1, 1, 'long'),
  /** format_datetime(dt, strftimeFormat): front ends translate their own format language (KQL's yyyy-MM-dd) first */
  format_datetime: f(2, 2, 'string'),
  datetime_diff_seconds: f(2, 2, 'double'),
  // misc
  coalesce: f(1, VAR, 'arg0'),
  abs: f(1, 1, 'arg0'),
  round: f(1, 2, 'double'),
  floor: f(1, 1, 'arg0'),
  sqrt: f(1, 1, 'double'),
  log: f(1, 1, 'double'),
  exp: f(1, 1, 'double'),
  pow: f(2, 2, 'double'),
  array_length: f(1, 1, 'long'),
  /** the length of a stored list of scalars (a list column in every store: cheaper than array_length, which also reads JSON text) */
  scalar_list_length: f(1, 1, 'long'),
  /** isempty: null or '' (Kusto's: the text '[]' of an empty list is not empty) */
  isempty: f(1, 1, 'bool'),
  /** geo distance in metres between (lon1, lat1, lon2, lat2) — impossible travel rules */
  geo_distance: f(4, 4, 'double'),
  hash: f(1, 1, 'long'),
  // ---- added for KQL (dynamic values, safe conversions, datetime arithmetic) ----
  /** any value (struct, list, scalar) → dynamic (JSON) */
  to_dynamic: f(1, 1, 'dynamic'),
  /**
   * The same conversion where the lowering knows the source, so engines that keep dynamic values as
   * JSON text (ClickHouse) can render it: a stored record or list of records (already JSON there),
   * a string, a long, a bool.
   */
  stored_json: f(1, 1, 'dynamic'),
  string_to_dynamic: f(1, 1, 'dynamic'),
  long_to_dynamic: f(1, 1, 'dynamic'),
  bool_to_dynamic: f(1, 1, 'dynamic'),
  /** a stored list of strings (an array column on ClickHouse; a record's list is never null, so empty is []) */
  string_list_to_dynamic: f(1, 1, 'dynamic'),
  /** JSON text → dynamic; text that is not JSON becomes a dynamic string (Kusto parse_json) */
  parse_json: f(1, 1, 'dynamic'),
  /** Kusto tostring(dynamic): a string element unquoted, anything else as compact JSON text */
  dynamic_to_string: f(1, 1, 'string'),
  /** datetime → ISO-8601 UTC text with 7 fractional digits (Kusto tostring(datetime)) */
  datetime_to_string: f(1, 1, 'string'),
  /** datetime → the ISO-8601 text a dynamic value holds for it (no trailing fractional zeros, 'Z') */
  datetime_to_json_text: f(1, 1, 'string'),
  /** datetime → dynamic string of that text (pack_array, bag_pack, todynamic of a datetime) */
  datetime_to_dynamic: f(1, 1, 'dynamic'),
  /** conversions that give null instead of failing (Kusto toint/tolong/todouble/tobool/todatetime) */
  try_long: f(1, 1, 'long'),
  try_double: f(1, 1, 'double'),
  try_bool: f(1, 1, 'bool'),
  try_datetime: f(1, 1, 'datetime'),
  /** bin_datetime(dt, ns): floor a datetime to a multiple of a timespan since the Unix epoch */
  bin_datetime: f(2, 2, 'datetime'),
  /** datetime + timespan (ns) → datetime */
  datetime_add: f(2, 2, 'datetime'),
  /** datetime − datetime → timespan (ns) */
  datetime_sub: f(2, 2, 'timespan'),
  /** datetime_part(partLiteral, dt): 'year'|'month'|'day'|'hour'|'minute'|'second'|'dayofyear'|'week' */
  datetime_part: f(2, 2, 'long'),
  /** datetime_diff(partLiteral, a, b): boundaries of `part` crossed from b to a */
  datetime_diff: f(3, 3, 'long'),
  replace_string: f(3, 3, 'string'),
  /** bag_pack(k1, v1, k2, v2, …) → dynamic object */
  bag_pack: f(0, VAR, 'dynamic'),
  /** pack_array(v1, v2, …) of dynamic values (each converted by its type first) → dynamic array */
  pack_array: f(0, VAR, 'dynamic'),
  /** set_has_element(dynamicArray, value) */
  set_has_element: f(2, 2, 'bool'),
  /** array_index_of(dynamicArray, value) → 0-based index or -1 */
  array_index_of: f(2, 2, 'long'),
  /** set_difference(a, b): distinct elements of a not in b */
  set_difference: f(2, 2, 'dynamic'),
  /** series_anomalies(array, threshold, trend 'none'|'linefit'): {flags, scores, baseline} as dynamic */
  series_anomalies: f(3, 3, 'dynamic'),
  /** list_has(list, value): a stored list column contains the value (cheaper than an any-lambda) */
  list_has: f(2, 2, 'bool'),
  /** a dynamic value as a list to unnest: arrays element by element, any other value as itself */
  dynamic_to_list: f(1, 1, 'dynamic'),
  /** dynamic array [0, 1, …, n−1] (parallel mv-expand zips arrays by position) */
  range_array: f(1, 1, 'dynamic'),
  /** element i of a dynamic array, with a non-constant index */
  dynamic_index: f(2, 2, 'dynamic'),
  /** bag_get(bag, key): the value under a key given as a (bound) string, any characters allowed */
  bag_get: f(2, 2, 'dynamic'),
  /** bag_value_type(bag, key): Kusto type name of the value under key (string/long/real/bool/dynamic), null when null or absent */
  bag_value_type: f(2, 2, 'string'),
  /** parse_url(text) → {Scheme, Host, Port, Path, Username, Password, "Query Parameters": {…}, Fragment} (Kusto parse_url) */
  parse_url: f(1, 1, 'dynamic'),
  /** timespan_part(ns, unitNs, modulo): (|ns| div unit) mod modulo, exact integer arithmetic */
  timespan_part: f(3, 3, 'long'),
  /** zero_pad(n, width): n as text, left-padded with zeros to at least width digits */
  zero_pad: f(2, 2, 'string'),
  /** random(): a uniform double in [0, 1), drawn per row */
  random: f(0, 0, 'double'),
  /** series_fit_line(array) → dynamic {rsquare, slope, variance, rvariance, interception, line_fit} */
  series_fit_line: f(1, 1, 'dynamic'),
} as const satisfies Record<string, FunctionSig>;

export type FunctionName = keyof typeof FUNCTIONS;

export function isKnownFunction(name: string): name is FunctionName {
  return Object.prototype.hasOwnProperty.call(FUNCTIONS, name);
}
