// KQL named functions → IR: scalar functions map onto the IR catalogue (src/query/ir/functions.ts)
// with Kusto's conversions made explicit; aggregate functions become AggExprs (only where the
// operator allows them). Names not listed here fail with IDT_KQL_UNSUPPORTED at the call.
import type { AggFn, Expr, IrType } from '../ir/index.ts';
import { agg, arith, call, caseWhen, isNull, lit, not, replaceNothing } from './kql-ir-helpers.ts';
import type { Typed } from './kql-context.ts';
import { asString, convert, isNumeric, toDynamicCall } from './kql-coerce.ts';
import { arithmetic, asBool, isTabular, lowerExpr, nameOfRef, type Env } from './kql-expressions.ts';
import { nameOf, type Binding } from './kql-context.ts';
import type { PNode } from './kql-parser.ts';
import { kustoFormatToStrftime } from '../sql/duckdb-dialect.ts';
import { windowCall } from './kql-serialized.ts';
import { URL_TIMESPAN_FUNCTIONS } from './kql-url-timespan.ts';
import { IPV4_FUNCTIONS } from './kql-ipv4.ts';
import { captureGroups, extractCall } from './kql-regex.ts';
import { kqlTypeName } from './kql-sources.ts';

type Impl = (a: Typed[], env: Env, n: PNode, raw: readonly PNode[]) => Typed;

const T = (e: Expr, t: IrType): Typed => ({ e, t });
const str = (x: Typed | undefined) => asString(x ?? T(lit(''), 'string'));
const constText = (x: Typed | undefined, env: Env, n: PNode): string => {
  if (x?.e.kind === 'literal' && typeof x.e.value === 'string') return x.e.value;
  return env.ctx.unsupported('a non-constant text argument here', n);
};
const nowLit = (env: Env) => T(lit(env.ctx.opts.now.toISOString(), 'datetime'), 'datetime');
const PARTS: Record<string, number> = { day: 864e11, hour: 36e11, minute: 6e10, second: 1e9, millisecond: 1e6, week: 6048e11 };

const SCALARS: Record<string, Impl> = {
  ago: ([x]) => arithmetic('sub', { e: lit(0, 'datetime'), t: 'datetime' }, x!), // replaced below
  now: ([x], env) => (x ? arithmetic('add', nowLit(env), x) : nowLit(env)),
  ingestion_time: () => T(lit(null, 'datetime'), 'datetime'),
  bin: ([x, s]) => binOf(x!, s!),
  floor: ([x, s]) => (s ? binOf(x!, s) : T(call('floor', x!.e), x!.t)),
  // Bins aligned on a fixed point instead of the epoch: a + bin(x - a, size).
  bin_at: ([x, s, a]) => arithmetic('add', a!, binOf(arithmetic('sub', x!, a!), s!)),
  // Folded on constants so `range … from startofday(ago(7d))` and filters stay literal.
  startofday: ([x]) => T(constDatetime(x!, (d) => d.setUTCHours(0, 0, 0, 0)) ?? call('startofday', x!.e), 'datetime'),
  startofweek: ([x]) => T(call('startofweek', x!.e), 'datetime'),
  startofmonth: ([x]) => T(call('startofmonth', x!.e), 'datetime'),
  endofday: ([x]) => T(call('endofday', x!.e), 'datetime'),
  dayofweek: ([x]) => T(call('dayofweek', x!.e), 'timespan'),
  hourofday: ([x]) => T(call('hourofday', x!.e), 'long'),
  dayofmonth: ([x]) => T(call('dayofmonth', x!.e), 'long'),
  getmonth: ([x]) => T(call('datetime_part', lit('month'), x!.e), 'long'),
  getyear: ([x]) => T(call('datetime_part', lit('year'), x!.e), 'long'),
  datetime_part: ([p, x], env, n) => T(call('datetime_part', lit(constText(p, env, n).toLowerCase()), x!.e), 'long'),
  datetime_diff: ([p, a, b], env, n) => T(call('datetime_diff', lit(constText(p, env, n).toLowerCase()), a!.e, b!.e), 'long'),
  datetime_add: ([p, v, d], env, n) => {
    const ns = PARTS[constText(p, env, n).toLowerCase()];
    if (!ns) return env.ctx.unsupported(`datetime_add with part '${constText(p, env, n)}'`, n);
    return arithmetic('add', d!, T(arith('mul', v!.e, lit(ns)), 'timespan'));
  },
  format_datetime: ([x, f], env, n) => T(call('format_datetime', x!.e, lit(kustoFormatToStrftime(constText(f, env, n)))), 'string'),
  todatetime: ([x]) => T(convert(x!, 'datetime'), 'datetime'),
  totimespan: ([x], env, n) => {
    if (x!.e.kind === 'literal' && typeof x!.e.value === 'string') {
      const { parseTimespan } = timespanParser;
      const v = parseTimespan(x!.e.value);
      if (v === undefined) return env.ctx.fail('IDT_KQL_SEMANTIC', `'${x!.e.value}' is not a timespan`, n);
      return T(lit(v, 'timespan'), 'timespan');
    }
    return T(convert(x!, 'timespan'), 'timespan');
  },
  // The JSON text of a record keeps its struct reference: parse_json(tostring(InitiatedBy.user)).id.
  tostring: ([x]) => (x?.struct ? { e: str(x), t: 'string', struct: x.struct } : T(str(x), 'string')),
  toint: ([x]) => T(convert(x!, 'long'), 'long'),
  tolong: ([x]) => T(convert(x!, 'long'), 'long'),
  todouble: ([x]) => T(convert(x!, 'double'), 'double'),
  toreal: ([x]) => T(convert(x!, 'double'), 'double'),
  todecimal: ([x]) => T(convert(x!, 'double'), 'double'),
  tobool: ([x]) => T(convert(x!, 'bool'), 'bool'),
  toboolean: ([x]) => T(convert(x!, 'bool'), 'bool'),
  // A record-valued column keeps its struct reference: todynamic(LocationDetails).city reads a leaf.
  todynamic: ([x]) => toDynamic(x!),
  parse_json: ([x]) => toDynamic(x!),
  toobject: ([x]) => toDynamic(x!),
  tolower: ([x]) => T(call('lower', str(x)), 'string'),
  toupper: ([x]) => T(call('upper', str(x)), 'string'),
  strlen: ([x]) => T(call('strlen', str(x)), 'long'),
  strcat: (a) => T(a.length ? call('concat', ...a.map((x) => str(x))) : lit(''), 'string'),
  strcat_delim: ([d, ...a]) => T(call('concat', ...a.flatMap((x, i) => (i ? [str(d), str(x)] : [str(x)]))), 'string'),
  // Positions are whole numbers (a real start or length is truncated, as Kusto converts it to long).
  substring: ([s, start, len]) => T(len ? call('substring', str(s), convert(start!, 'long'), convert(len, 'long')) : call('substring', str(s), convert(start!, 'long')), 'string'),
  split: ([s, d, i]) => {
    const parts = call('split', str(s), str(d));
    return T(i ? call('pack_array', call('string_to_dynamic', call('dynamic_to_string', { kind: 'jsonPath', arg: parts, path: [Number((i.e as { value: number }).value)] }))) : parts, 'dynamic');
  },
  trim: ([re, s], env, n) => trimRegex(constText(re, env, n), str(s), true, true),
  trim_start: ([re, s], env, n) => trimRegex(constText(re, env, n), str(s), true, false),
  trim_end: ([re, s], env, n) => trimRegex(constText(re, env, n), str(s), false, true),
  replace: ([re, by, s]) => T(call('replace_regex', str(s), str(re), str(by)), 'string'),
  replace_regex: ([s, re, by]) => T(call('replace_regex', str(s), str(re), str(by)), 'string'),
  replace_string: ([s, a, b]) => T(call('replace_string', str(s), str(a), str(b)), 'string'),
  extract: ([re, g, s, typ], env, n) => {
    const e = extractCall(re!, g!, str(s), env, n);
    return typ ? T(convert(T(e, 'string'), typ.t), typ.t) : T(e, 'string');
  },
  extract_all: (a, env, n) => {
    // extract_all(regex, text) or extract_all(regex, dynamic([group]), text)
    const re = constText(a[0], env, n);
    const text = a.length >= 3 ? a[2] : a[1];
    let group = captureGroups(re);
    if (a.length >= 3) {
      const g = a[1]!.e;
      const picked = g.kind === 'literal' && typeof g.value === 'string' ? (JSON.parse(g.value) as unknown) : null;
      if (!Array.isArray(picked) || picked.length !== 1 || typeof picked[0] !== 'number') return env.ctx.unsupported('extract_all() with other than one selected capture group', n);
      group = picked[0];
    } else if (group > 1) return env.ctx.unsupported('extract_all() with several capture groups (select one with dynamic([n]))', n);
    return T(call('extract_all', lit(re), lit(group), str(text)), 'dynamic');
  },
  extractjson: ([path, s], env, n, raw) => {
    const p = constText(path, env, n).replace(/^\$\.?/, '');
    const keys = p ? p.split('.').flatMap((k) => k.split(/\[(\d+)\]/).filter(Boolean).map((x) => (/^\d+$/.test(x) ? Number(x) : x))) : [];
    const value: Expr = { kind: 'jsonPath', arg: convert(s!, 'dynamic'), path: keys };
    // The optional third argument, `typeof(long)`, converts the extracted value (text by default).
    const want = raw[2] ? typeOfArgument(raw[2], env) : 'string';
    if (want === 'dynamic') return T(value, 'dynamic');
    const text = T(call('dynamic_to_string', value), 'string');
    return want === 'string' ? text : T(convert(text, want), want);
  },
  indexof: ([s, p]) => T(call('indexof', str(s), str(p)), 'long'),
  iff: ([c, a, b]) => T(caseWhen([{ when: asBool(c!), then: a!.e }], branch(b!, a!.t)), a!.t === 'null' ? b!.t : a!.t),
  iif: (args, env, n, raw) => SCALARS['iff']!(args, env, n, raw),
  case: (a) => {
    const whens: Array<{ when: Expr; then: Expr }> = [];
    for (let i = 0; i + 1 < a.length; i += 2) whens.push({ when: asBool(a[i]!), then: a[i + 1]!.e });
    return T(caseWhen(whens, a.length % 2 ? a[a.length - 1]!.e : lit(null)), a[1]?.t ?? 'string');
  },
  coalesce: (a) => T(call('coalesce', ...a.map((x) => x.e)), a[0]!.t),
  isempty: ([x]) => T(x!.t === 'string' ? call('isempty', x!.e) : x!.t === 'dynamic' ? call('isempty', x!.leaf ? asString(x!) : call('dynamic_to_string', x!.e)) : isNull(x!.e), 'bool'),
  isnotempty: (a, env, n, raw) => T(not(SCALARS['isempty']!(a, env, n, raw).e), 'bool'),
  isnull: ([x]) => T(x!.t === 'dynamic' ? call('isempty', call('dynamic_to_string', x!.e)) : isNull(x!.e), 'bool'),
  isnotnull: (a, env, n, raw) => T(not(SCALARS['isnull']!(a, env, n, raw).e), 'bool'),
  not: ([x]) => T(not(asBool(x!)), 'bool'),
  array_length: ([x]) => T(call('array_length', convert(x!, 'dynamic')), 'long'),
  pack: (a) => T(call('bag_pack', ...a.map((x, i) => (i % 2 ? bagValue(x) : str(x)))), 'dynamic'),
  bag_pack: (a) => T(call('bag_pack', ...a.map((x, i) => (i % 2 ? bagValue(x) : str(x)))), 'dynamic'),
  // Each element as dynamic by its own type, so an engine keeping dynamic values as JSON text builds the array from their texts.
  pack_array: (a) => T(call('pack_array', ...a.map((x) => (x.t === 'dynamic' || x.t === 'null' ? x.e : toDynamicCall(x)))), 'dynamic'),
  set_has_element: ([arr, x]) => T(call('set_has_element', convert(arr!, 'dynamic'), str(x)), 'bool'),
  array_index_of: ([arr, x]) => T(call('array_index_of', convert(arr!, 'dynamic'), str(x)), 'long'),
  set_union: ([a, b]) => T(call('set_union', convert(a!, 'dynamic'), convert(b!, 'dynamic')), 'dynamic'),
  set_intersect: ([a, b]) => T(call('set_intersect', convert(a!, 'dynamic'), convert(b!, 'dynamic')), 'dynamic'),
  array_concat: ([a, b]) => T(call('array_concat', convert(a!, 'dynamic'), convert(b!, 'dynamic')), 'dynamic'),
  bag_keys: ([x]) => T(call('bag_keys', convert(x!, 'dynamic')), 'dynamic'),
  strcat_array: ([a, d]) => T(call('strcat_array', convert(a!, 'dynamic'), str(d)), 'string'),
  max_of: (a) => T(call('greatest', ...a.map((x) => x.e)), a[0]!.t),
  min_of: (a) => T(call('least', ...a.map((x) => x.e)), a[0]!.t),
  set_difference: ([a, b]) => T(call('set_difference', convert(a!, 'dynamic'), convert(b!, 'dynamic')), 'dynamic'),
  round: ([x, d]) => T(call('round', convert(x!, 'double'), d ? d.e : lit(0)), 'double'),
  abs: ([x]) => T(call('abs', x!.e), x!.t),
  sqrt: ([x]) => T(call('sqrt', convert(x!, 'double')), 'double'),
  log: ([x]) => T(call('log', convert(x!, 'double')), 'double'),
  exp: ([x]) => T(call('exp', convert(x!, 'double')), 'double'),
  pow: ([x, y]) => T(call('pow', convert(x!, 'double'), convert(y!, 'double')), 'double'),
  geo_distance_2points: ([lon1, lat1, lon2, lat2]) =>
    T(call('geo_distance', ...[lon1, lat1, lon2, lat2].map((x) => convert(x!, 'double'))), 'double'),
  hash: ([x]) => T(call('hash', str(x)), 'long'),
  gettype: ([x]) => T(lit(kustoTypeName(x!.t)), 'string'),
  series_fit_line_dynamic: ([x]) => T(call('series_fit_line', convert(x!, 'dynamic')), 'dynamic'),
  series_decompose_anomalies: ([x, k]) =>
    T({ kind: 'jsonPath', arg: call('series_anomalies', convert(x!, 'dynamic'), k ? convert(k, 'double') : lit(1.5), lit('linefit')), path: ['flags'] }, 'dynamic'),
};
SCALARS['ago'] = ([x], env) => arithmetic('sub', nowLit(env), x!);
SCALARS['typeof'] = SCALARS['gettype']!;
Object.assign(SCALARS, URL_TIMESPAN_FUNCTIONS, IPV4_FUNCTIONS);

const timespanParser = { parseTimespan: (s: string) => import_parseTimespan(s) };
import { parseTimespan as import_parseTimespan } from './kql-literals.ts';

/** A datetime literal adjusted in JS, or null when the value is not a constant. */
function constDatetime(x: Typed, adjust: (d: Date) => void): Expr | null {
  if (x.t !== 'datetime' || x.e.kind !== 'literal' || typeof x.e.value !== 'string') return null;
  const d = new Date(x.e.value);
  if (Number.isNaN(d.getTime())) return null;
  adjust(d);
  return lit(d.toISOString(), 'datetime');
}

function binOf(x: Typed, size: Typed): Typed {
  // Whole-millisecond bins fold exactly in JS (nanoseconds since 1970 exceed a double's precision).
  if (x.t === 'datetime' && size.e.kind === 'literal' && typeof size.e.value === 'number' && size.e.value > 0 && size.e.value % 1e6 === 0) {
    const ms = size.e.value / 1e6;
    const folded = constDatetime(x, (d) => d.setTime(Math.floor(d.getTime() / ms) * ms));
    if (folded) return T(folded, 'datetime');
  }
  if (x.t === 'datetime') return T(call('bin_datetime', x.e, size.e), 'datetime');
  if (x.t === 'dynamic' || x.t === 'string') return T(call('bin', convert(x, 'double'), size.e), 'double');
  return T(call('bin', x.e, size.e), x.t);
}

function branch(x: Typed, t: IrType): Expr {
  return x.t === t || x.t === 'null' ? x.e : convert(x, t);
}

export function kustoTypeName(t: IrType): string {
  return ({ string: 'string', int: 'int', long: 'long', double: 'real', bool: 'bool', datetime: 'datetime', timespan: 'timespan', dynamic: 'dynamic', null: 'string', unknown: 'string' } as Record<IrType, string>)[t];
}

/** A user function (`let f = (x:string) { … };`) whose body is a scalar expression, inlined. */
function callScalarFunction(name: string, b: Extract<Binding, { kind: 'function' }>, raw: readonly PNode[], env: Env, n: PNode): Typed {
  const inner = b.scope.child();
  // The body sees its parameters and the lets of its own scope, never the caller's row: with the
  // caller's columns (or lambda variables) in view they would shadow a parameter of the same name.
  const defaults: Env = { ...env, scope: b.scope, cols: [], vars: new Map(), aggregates: false };
  b.params.forEach((p, i) => {
    if (p.type === 'tabular') return env.ctx.unsupported(`calling '${name}', which takes a table, inside an expression`, n);
    const arg = raw[i] ? lowerExpr(raw[i]!, { ...env, aggregates: false }) : p.defaultValue ? lowerExpr(p.defaultValue, defaults) : null;
    if (!arg) return env.ctx.fail('IDT_KQL_SEMANTIC', `missing argument '${p.name}' of '${name}'`, n);
    inner.set(p.name, { kind: 'scalar', value: arg });
  });
  const bodyEnv: Env = { ...defaults, scope: inner };
  for (const st of b.body.c['Statements']?.items ?? []) {
    if (st.kind !== 'LetStatement') continue;
    const value = st.c['Expression']!;
    if (value.kind === 'FunctionDeclaration' || isTabular(value, bodyEnv)) return env.ctx.unsupported(`a tabular or function let inside the scalar function '${name}'`, st);
    inner.set(nameOf(st.c['Name']), { kind: 'scalar', value: lowerExpr(value, bodyEnv) });
  }
  const body = b.body.c['Expression'];
  if (!body) return env.ctx.fail('IDT_KQL_SEMANTIC', `the function '${name}' has no result expression`, n);
  if (isTabular(body, bodyEnv)) return env.ctx.unsupported(`calling the tabular function '${name}' inside an expression`, n);
  return lowerExpr(body, bodyEnv);
}

function toDynamic(x: Typed): Typed {
  const e = x.t === 'dynamic' ? x.e : convert(x, 'dynamic');
  if (x.leaf) return { e, t: 'dynamic', leaf: x.leaf };
  return x.struct ? { e, t: 'dynamic', struct: x.struct } : T(e, 'dynamic');
}

/** Kusto trim() takes a regex; anchored repetition removes it from either end. */
function trimRegex(re: string, s: Expr, start: boolean, end: boolean): Typed {
  const alts = [start ? `^(${re})+` : '', end ? `(${re})+$` : ''].filter(Boolean).join('|');
  return T(call('replace_regex', s, lit(alts), lit('')), 'string');
}

/** Aggregates: [IR fn, result type (null = argument's), takes a predicate as last argument]. */
const AGGS: Record<string, { fn: AggFn; type: IrType | null; cond: boolean; prefix: string; distinct?: boolean }> = {
  count: { fn: 'count', type: 'long', cond: false, prefix: 'count' },
  countif: { fn: 'count', type: 'long', cond: true, prefix: 'countif' },
  dcount: { fn: 'dcount', type: 'long', cond: false, prefix: 'dcount' },
  count_distinct: { fn: 'dcount', type: 'long', cond: false, prefix: 'count_distinct' },
  dcountif: { fn: 'dcount', type: 'long', cond: true, prefix: 'dcountif' },
  sum: { fn: 'sum', type: null, cond: false, prefix: 'sum' },
  sumif: { fn: 'sum', type: null, cond: true, prefix: 'sumif' },
  avg: { fn: 'avg', type: 'double', cond: false, prefix: 'avg' },
  avgif: { fn: 'avg', type: 'double', cond: true, prefix: 'avgif' },
  min: { fn: 'min', type: null, cond: false, prefix: 'min' },
  max: { fn: 'max', type: null, cond: false, prefix: 'max' },
  minif: { fn: 'min', type: null, cond: true, prefix: 'minif' },
  maxif: { fn: 'max', type: null, cond: true, prefix: 'maxif' },
  make_set: { fn: 'make_set', type: 'dynamic', cond: false, prefix: 'set' },
  makeset: { fn: 'make_set', type: 'dynamic', cond: false, prefix: 'set' },
  make_set_if: { fn: 'make_set', type: 'dynamic', cond: true, prefix: 'set' },
  make_list: { fn: 'make_list', type: 'dynamic', cond: false, prefix: 'list' },
  makelist: { fn: 'make_list', type: 'dynamic', cond: false, prefix: 'list' },
  make_list_if: { fn: 'make_list', type: 'dynamic', cond: true, prefix: 'list' },
  make_bag: { fn: 'make_bag', type: 'dynamic', cond: false, prefix: 'bag' },
  stdev: { fn: 'stdev', type: 'double', cond: false, prefix: 'stdev' },
  stdevif: { fn: 'stdev', type: 'double', cond: true, prefix: 'stdevif' },
  variance: { fn: 'variance', type: 'double', cond: false, prefix: 'variance' },
  varianceif: { fn: 'variance', type: 'double', cond: true, prefix: 'varianceif' },
  make_bag_if: { fn: 'make_bag', type: 'dynamic', cond: true, prefix: 'bag' },
  percentile: { fn: 'percentile', type: 'double', cond: false, prefix: 'percentile' },
  any: { fn: 'any_value', type: null, cond: false, prefix: 'any' },
  take_any: { fn: 'any_value', type: null, cond: false, prefix: 'any' },
  anyif: { fn: 'any_value', type: null, cond: true, prefix: 'anyif' },
  take_anyif: { fn: 'any_value', type: null, cond: true, prefix: 'anyif' },
};

export const isAggregateName = (name: string) => Object.prototype.hasOwnProperty.call(AGGS, name);

/** Kusto's automatic column name for an un-named aggregate (count_, dcount_User, set_IP…). */
export function aggregateColumnName(n: PNode, inferred: string): string | null {
  if (n.kind !== 'FunctionCallExpression') return null;
  const name = nameOfRef(n.c['Name']!);
  const spec = AGGS[name];
  if (!spec) return null;
  const args = n.c['ArgumentList']?.c['Expressions']?.items ?? [];
  if (name === 'count' || (spec.cond && args.length <= 1 && name !== 'dcountif' && name !== 'make_set_if' && name !== 'make_list_if')) return `${spec.prefix}_`;
  if (name === 'percentile') return `percentile_${inferred}_${(args[1] ? args[1].c['Token']?.text : '') ?? ''}`;
  return `${spec.prefix}_${inferred}`;
}

export function lowerCall(n: PNode, env: Env): Typed {
  const name = nameOfRef(n.c['Name']!);
  // Named arguments (`make_set(x, MaxSize=8)`) are taken in the order written, which is how
  // published queries use them.
  const raw = (n.c['ArgumentList']?.c['Expressions']?.items ?? []).map((a) => (a.kind === 'SimpleNamedExpression' ? a.c['Expression']! : a));
  const agg = AGGS[name];
  if (agg) {
    if (!env.aggregates) return env.ctx.fail('IDT_KQL_SEMANTIC', `the aggregate function '${name}' can only be used in summarize or make-series`, n);
    return withArity(name, raw.length, env, n, () => lowerAggregate(name, agg, raw, env, n));
  }
  const b = env.scope.get(name);
  if (b?.kind === 'function') return callScalarFunction(name, b, raw, env, n);
  if (name === 'column_ifexists') {
    const colName = lowerExpr(raw[0]!, env);
    const cn = constText(colName, env, n);
    const found = env.cols.find((c) => c[0] === cn);
    return found ? T({ kind: 'field', path: [cn] }, found[1]) : lowerExpr(raw[1]!, env);
  }
  if (name === 'prev' || name === 'next' || name === 'row_number') {
    return windowCall(name, raw.map((a) => lowerExpr(a, { ...env, aggregates: false })), env.window, env.ctx, n);
  }
  const impl = SCALARS[name];
  if (!impl) return env.ctx.fail('IDT_KQL_UNSUPPORTED', `the function '${name}()' is not supported`, n.c['Name']!);
  const inner = { ...env, aggregates: false };
  // A `typeof(t)` argument names a type, not a value; the function reads it from `raw`.
  const args = raw.map((a) => (a.kind === 'TypeOfLiteralExpression' ? T(lit(null), 'null') : lowerExpr(a, inner)));
  return withArity(name, args.length, env, n, () => impl(args, env, n, raw));
}

/** Implementations read the arguments they need; a call with too few reaches a missing one. */
function withArity(name: string, count: number, env: Env, n: PNode, lower: () => Typed): Typed {
  try {
    return lower();
  } catch (e) {
    if (e instanceof TypeError) return env.ctx.fail('IDT_KQL_SEMANTIC', `'${name}()' cannot be called with ${count} argument${count === 1 ? '' : 's'}`, n);
    throw e;
  }
}

/** Every scalar and aggregate function name the lowering knows (the arity fuzz test calls each). */
export function kqlFunctionNames(): { scalars: string[]; aggregates: string[] } {
  return { scalars: Object.keys(SCALARS), aggregates: Object.keys(AGGS) };
}

function lowerAggregate(name: string, spec: (typeof AGGS)[string], raw: readonly PNode[], env: Env, n: PNode): Typed {
  const inner = { ...env, aggregates: false };
  const args = raw.map((a) => lowerExpr(a, inner));
  // The predicate is the last argument, except make_set_if/make_list_if(x, pred, maxSize).
  const predAt = spec.cond && (spec.fn === 'make_set' || spec.fn === 'make_list') && args.length === 3 ? 1 : args.length - 1;
  const filter = spec.cond ? asBool(args[predAt] ?? T(lit(true), 'bool')) : undefined;
  const valueArgs = spec.cond ? args.filter((_, i) => i !== predAt) : args;
  if (name === 'percentile') {
    const x = valueArgs[0]!;
    return T(agg('percentile', [convert(x, 'double'), valueArgs[1]!.e]), 'double');
  }
  if (spec.fn === 'count') {
    return T(agg('count', [], filter ? { filter } : {}), 'long');
  }
  const x = valueArgs[0];
  if (!x) return env.ctx.fail('IDT_KQL_SEMANTIC', `${name}() needs an argument`, n);
  let arg = x.e;
  let t: IrType = spec.type ?? x.t;
  if (spec.fn === 'stdev' || spec.fn === 'variance') arg = convert(x, 'double');
  if (spec.fn === 'sum' || spec.fn === 'avg') {
    if (!isNumeric(x.t) && x.t !== 'timespan') arg = convert(x, 'double');
    if (spec.type === null) t = isNumeric(x.t) || x.t === 'timespan' ? x.t : 'double';
  }
  if (spec.fn === 'dcount' && x.t === 'dynamic') arg = asString(x);
  if (spec.fn === 'make_bag') {
    // Only property bags merge; Kusto ignores rows whose value is not one.
    const bag = convert(x, 'dynamic');
    const isBag = call('is_bag', bag);
    return T(agg('make_bag', [bag], { filter: filter ? replaceNothing(filter, isBag) : isBag }), 'dynamic');
  }
  // A list holds datetimes as their ISO-8601 text, as a Kusto dynamic value does.
  if ((spec.fn === 'make_set' || spec.fn === 'make_list') && x.t === 'datetime') arg = call('datetime_to_json_text', arg);
  // Kusto's make_set/make_list skip nulls (and empty dynamic values).
  const notNull: Expr = { kind: 'isNull', arg, negated: true };
  const f = spec.fn === 'make_set' || spec.fn === 'make_list' ? (filter ? replaceNothing(filter, notNull) : notNull) : filter;
  const aggregate = T(agg(spec.fn, [arg], f ? { filter: f } : {}), t);
  // make_set(x, maxSize) / make_list(x, maxSize): Kusto keeps an arbitrary maxSize elements.
  const max = spec.fn === 'make_set' || spec.fn === 'make_list' ? valueArgs[1] : undefined;
  if (!max) return aggregate;
  if (max.e.kind !== 'literal' || typeof max.e.value !== 'number') return env.ctx.unsupported(`${name}() with a size limit that is not a constant`, n);
  return T(call('array_head', aggregate.e, lit(Math.max(0, Math.floor(max.e.value)))), 'dynamic');
}

/** A bag_pack value: datetimes as their ISO-8601 text (a dynamic never holds another form). */
const bagValue = (x: Typed): Expr => (x.t === 'datetime' ? toDynamicCall(x) : x.e);

/** The type a `typeof(t)` argument names. */
function typeOfArgument(n: PNode, env: Env): IrType {
  const m = /^typeof\s*\(\s*(\w+)\s*\)$/i.exec(env.ctx.source(n).trim());
  const t = m ? kqlTypeName(m[1]!) : undefined;
  return t ?? env.ctx.unsupported(`the type argument '${env.ctx.source(n).trim()}'`, n);
}
