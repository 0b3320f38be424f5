// ClickHouse renderings of KQL's dynamic conversions. Dynamic values are JSON text here (String);
// 18.16 has no JSONExtract*, isValidJSON or JSON type, only visitParamExtract* (the value of a key
// found by name in an object's text). What that can express exactly is rendered; the rest is
// refused with the reason, never approximated.
import { SqlCompileError } from './dialect.ts';
import { clickhouseLiteral as lit } from './clickhouse-literal.ts';

/**
 * Decimal number text as DuckDB's TRY_CAST to DOUBLE reads it: surrounding spaces, a sign ('+-1'
 * reads as -1), digit groups joined by single underscores ('1_000'), a fraction, an exponent.
 */
const DIGITS = '[0-9]+(_[0-9]+)*';
const NUMBER_TEXT = `'^\\\\s*([+]-?|-)?(${DIGITS}([.](${DIGITS})?)?|[.]${DIGITS})([eE][+-]?${DIGITS})?\\\\s*$'`;

/**
 * A double out of text for try_long. toFloat64OrNull refuses some text DuckDB reads ('+4', ' 12 ',
 * '1_000') and reads some DuckDB reads differently ('inf'): only the decimal forms above are
 * converted, cleaned to what toFloat64OrNull reads. Text DuckDB reads as non-finite (inf, NaN,
 * 1e400) has no Int64 either way, so is null here too.
 */
const decimal = (x: string) =>
  `if(match(${x}, ${NUMBER_TEXT}), toFloat64OrNull(replaceRegexpOne(replaceRegexpAll(${x}, '[_[:space:]]', ''), '^[+]', '')), NULL)`;

/** `body` over the value of `x` computed once (a one-element arrayMap: 18.16 has no expression-level WITH). */
const bind = (x: string, v: string, body: string) => `arrayElement(arrayMap(${v} -> ${body}, [${x}]), 1)`;

const refuse = (what: string, why: string) => (): string => {
  throw new SqlCompileError(`${what} is not available on ClickHouse: ${why}`);
};

// array_length over the text of a value. A dynamic value here is JSON text (stored records and
// lists, pack_array, literals) or, from make_list/make_set/split, an Array, whose toString is
// ClickHouse's array text (single-quoted strings, tuples in parentheses); one expression must
// type-check for both. With string literals of either kind blanked (matched left to right, so a
// quote inside the other kind of string is skipped), the elements of the outer array are the commas
// at depth 1, plus one. Not an array (a JSON object, scalar or null): 0, as DuckDB's
// json_array_length answers.
const QUOTED = lit(String.raw`"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'`);
const OPEN_ARRAY = lit(String.raw`^\s*\[`);
const EMPTY_ARRAY = lit(String.raw`^\s*\[\s*\]\s*$`);
const STRUCTURE = lit(String.raw`[\[\]{}(),]`);
const depthStep = `__e -> multiIf(__e IN ('[', '{', '('), 1, __e IN (']', '}', ')'), -1, 0)`;
const arrayLength = (x: string) =>
  `if(isNull(${x}), NULL, toInt64(${bind(`replaceRegexpAll(toString(assumeNotNull(${x})), ${QUOTED}, '0')`, '__s',
    `if(NOT match(__s, ${OPEN_ARRAY}) OR match(__s, ${EMPTY_ARRAY}), 0, 1 + ${bind(`extractAll(__s, ${STRUCTURE})`, '__c',
      `arrayCount((__e, __d) -> __e = ',' AND __d = 1, __c, arrayCumSum(arrayMap(${depthStep}, __c)))`)})`)}))`;

export const dynamicFns: Record<string, (a: readonly string[]) => string> = {
  // Kusto tostring(dynamic): a JSON string unquoted (its escapes decoded by reading it as the value
  // of a one-key object), JSON null as null, any other value as its (compact) JSON text.
  dynamic_to_string: ([x]) =>
    bind(x!, '__j', `multiIf(isNull(__j) OR __j = 'null', NULL, startsWith(__j, '"'), visitParamExtractString(concat('{"v":', __j, '}'), 'v'), __j)`),
  // todouble() of text: DuckDB reads 'inf', 'NaN' and overflowing text as non-finite doubles, which
  // ClickHouse's JSON output cannot return (it writes null), so the answers would differ.
  try_double: refuse('todouble()/toreal() of text', 'non-finite values (inf, NaN) cannot be returned by ClickHouse, so the answer could differ'),
  // Through a double, as on DuckDB: rounded half to even (CH round() is half away from zero, so a
  // half is rounded as twice the rounded half), null outside the Int64 range.
  try_long: ([x]) => bind(bind(x!, '__t', decimal('__t')), '__d', `if(isNull(__d) OR __d >= 9223372036854775807. OR __d < -9223372036854775808., NULL, ` +
    `toInt64(if(abs(__d - floor(__d)) = 0.5, 2 * round(__d / 2), round(__d))))`),
  // The arguments are already dynamic (JSON text; the KQL lowering converts each by its type).
  pack_array: (a) => (a.length ? `concat('[', arrayStringConcat([${a.map((v) => `ifNull(${v}, 'null')`).join(', ')}], ','), ']')` : `'[]'`),
  array_length: ([x]) => arrayLength(x!),
  parse_json: refuse('parse_json()/todynamic() of text', '18.16 cannot tell JSON text from other text (no isValidJSON or JSONExtract)'),
  to_dynamic: refuse('a dynamic value of this type', 'only strings, integers, booleans and stored records convert to JSON text on 18.16'),
};
