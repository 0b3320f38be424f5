// Single-input KQL query operators → IR relations, tracking the output columns and their types.
// `partition` is set inside mv-apply: every row of the outer table is its own sub-table there, so
// aggregations group by it and take/top/distinct work per row.
import type { Expr, IrType, NamedExpr, SortKey } from '../ir/index.ts';
import {
  aggregate, and, distinct as distinctRel, drop, extendRel, field, limit, lit, named, project, sort, where, cmp, call,
} from '../ir/index.ts';
import type { Columns, Ctx, Scope, TRel, Typed } from './kql-context.ts';
import { inferName, nameOf } from './kql-context.ts';
import { asBool, lowerExpr, nameOfRef, type Env } from './kql-expressions.ts';
import { aggregateColumnName, isAggregateName, kustoTypeName } from './kql-functions.ts';
import { convert } from './kql-coerce.ts';
import type { PNode } from './kql-parser.ts';
import { lowerMultiOperator } from './kql-multi-operators.ts';
import { carriedLeaves, isHidden } from './kql-struct-access.ts';
import { orderColumns, Serialized } from './kql-serialized.ts';
import type { StructRef } from './kql-context.ts';

export interface OpEnv {
  readonly ctx: Ctx;
  readonly scope: Scope;
  readonly tabular: (n: PNode, scope: Scope) => TRel;
  readonly partition?: string;
}

export const exprEnv = (o: OpEnv, cols: Columns, extra: Partial<Env> = {}): Env => ({ ctx: o.ctx, scope: o.scope, cols, tabular: o.tabular, ...extra });
const f = (name: string): Expr => field(name);
const passThrough = (cols: Columns, except: readonly string[] = []) => cols.filter((c) => !except.includes(c[0])).map((c) => named(c[0], f(c[0])));

/** The DataType column of getschema: the .NET type Kusto reports for each of its types. */
const DOTNET_TYPES: Record<string, string> = {
  string: 'System.String', int: 'System.Int32', long: 'System.Int64', real: 'System.Double', bool: 'System.SByte',
  datetime: 'System.DateTime', timespan: 'System.TimeSpan', dynamic: 'System.Object', guid: 'System.Guid', decimal: 'System.Data.SqlTypes.SqlDecimal',
};

export function lowerOperator(op: PNode, input: TRel, o: OpEnv): TRel {
  const { ctx } = o;
  const items = (key = 'Expressions') => op.c[key]?.items ?? [];
  switch (op.kind) {
    case 'FilterOperator': {
      const w = new Serialized(ctx, input.order);
      const p = lowerExpr(op.c['Condition']!, exprEnv(o, input.cols, { window: w }));
      return { rel: w.done(where(w.input(input.rel), asBool(p))), cols: input.cols, ...ordered(input.order) };
    }
    case 'ExtendOperator':
      return extend(items(), input, o);
    case 'ProjectOperator': {
      const w = new Serialized(ctx, input.order);
      const env = exprEnv(o, input.cols, { window: w });
      const out = namedList(items(), env, 'Column');
      if (o.partition && !out.some((c) => c.name === o.partition)) out.unshift({ name: o.partition, e: f(o.partition), t: 'long' });
      // Record-valued columns bring their hidden leaves along, so later accesses stay cheap.
      const leaves = carriedLeaves(out.map((c) => c.s), input.cols);
      // The order survives when every column it sorts on is passed through under its name.
      const kept = input.order && [...orderColumns(input.order)].every((n) => out.some((c) => c.name === n && c.e.kind === 'field' && c.e.path.length === 1 && c.e.path[0] === n));
      return {
        rel: project(w.input(input.rel), [...out.map((c) => named(c.name, c.e)), ...leaves]),
        cols: [...out.map(entry), ...leaves.map((l) => [l.name, l.type] as const)],
        ...ordered(kept ? input.order : undefined),
      };
    }
    case 'ProjectAwayOperator': {
      const names = matchNames(items(), input.cols, ctx, false).filter((n) => n !== o.partition);
      return { rel: drop(input.rel, names), cols: input.cols.filter((c) => !names.includes(c[0])) };
    }
    case 'ProjectKeepOperator': {
      const keep = matchNames(items(), input.cols, ctx, true);
      if (o.partition) keep.push(o.partition);
      const cols = input.cols.filter((c) => keep.includes(c[0]));
      return { rel: project(input.rel, passThrough(cols)), cols };
    }
    case 'ProjectReorderOperator': {
      const first = matchNames(items(), input.cols, ctx, true);
      const cols = [...first.map((n) => input.cols.find((c) => c[0] === n)!), ...input.cols.filter((c) => !first.includes(c[0]))];
      return { rel: project(input.rel, passThrough(cols)), cols };
    }
    case 'ProjectRenameOperator': {
      const renames = new Map<string, string>();
      for (const it of items()) {
        const from = nameOfRef(it.c['Expression']!);
        if (!input.cols.some((c) => c[0] === from)) ctx.fail('IDT_KQL_SEMANTIC', `project-rename: no column '${from}'`, it);
        renames.set(from, nameOf(it.c['Name']));
      }
      const cols = input.cols.map((c) => [renames.get(c[0]) ?? c[0], c[1]] as const);
      return { rel: project(input.rel, input.cols.map((c) => named(renames.get(c[0]) ?? c[0], f(c[0])))), cols };
    }
    case 'SummarizeOperator':
      return summarize(op, input, o);
    case 'TakeOperator': {
      const n = constInt(op.c['Expression']!, o, input.cols);
      if (o.partition) return perPartitionLimit(input, [], n, o);
      return { rel: limit(input.rel, n), cols: input.cols, ...ordered(input.order) };
    }
    case 'TopOperator': {
      const n = constInt(op.c['Expression']!, o, input.cols);
      const keys = [sortKey(op.c['ByExpression']!, exprEnv(o, input.cols))];
      if (o.partition) return perPartitionLimit(input, keys, n, o);
      return { rel: limit(sort(input.rel, keys), n), cols: input.cols, order: keys };
    }
    case 'SortOperator': {
      const env = exprEnv(o, input.cols);
      const keys = items().map((e) => sortKey(e, env));
      return { rel: sort(input.rel, keys), cols: input.cols, order: keys };
    }
    case 'DistinctOperator': {
      const list = items();
      if (list.length === 1 && list[0]!.kind === 'StarExpression') {
        // Hidden struct leaves are functions of visible columns, but must not take part anyway.
        const visible = input.cols.filter((c) => !isHidden(c[0])).map((c) => [c[0], c[1]] as const);
        return { rel: distinctRel(project(input.rel, passThrough(visible))), cols: visible };
      }
      const env = exprEnv(o, input.cols);
      const out = namedList(list, env, 'Column');
      if (o.partition) out.unshift({ name: o.partition, e: f(o.partition), t: 'long' });
      return { rel: distinctRel(project(input.rel, out.map((c) => named(c.name, c.e)))), cols: out.map((c) => [c.name, c.t] as const) };
    }
    case 'GetSchemaOperator': {
      // One row per visible column, as Kusto answers it: name, position, .NET and Kusto type.
      const visible = input.cols.filter((c) => !isHidden(c[0]));
      const columns = [{ name: 'ColumnName', type: 'string' }, { name: 'ColumnOrdinal', type: 'long' }, { name: 'DataType', type: 'string' }, { name: 'ColumnType', type: 'string' }] as const;
      const rows = visible.map(([name, t], i) => [name, i, DOTNET_TYPES[kustoTypeName(t)] ?? 'System.Object', kustoTypeName(t)]);
      return { rel: { kind: 'values', columns: [...columns], rows }, cols: columns.map((c) => [c.name, c.type] as const) };
    }
    case 'CountOperator': {
      const name = op.c['AsIdentifier'] ? nameOf(op.c['AsIdentifier'].c['Name']) : 'Count';
      const groups = o.partition ? [named(o.partition, f(o.partition))] : [];
      return {
        rel: aggregate(input.rel, groups, [named(name, { kind: 'agg', fn: 'count', args: [] })]),
        cols: [...(o.partition ? [[o.partition, 'long'] as const] : []), [name, 'long']],
      };
    }
    case 'SerializeOperator': {
      // Without a preceding sort the order is the engine's, as in Kusto; it is fixed for the query.
      const serialized: TRel = { ...input, order: input.order ?? [] };
      const list = items();
      return list.length ? extend(list, serialized, o) : serialized;
    }
    case 'RenderOperator':
    case 'AsOperator':
    case 'ConsumeOperator':
      return input;
    default:
      return lowerMultiOperator(op, input, o);
  }
}

interface Out {
  name: string;
  e: Expr;
  t: IrType;
  /** Set when the value is a stored record with hidden leaves (kql-struct-access.ts). */
  s?: StructRef;
}

/** A column entry, with its struct reference when it has one. */
const entry = (c: Out): Columns[number] => (c.s ? [c.name, c.t, c.s] : [c.name, c.t]);

/** `a = expr`, `expr` (auto-named), `(a, b) = expr` is handled by the callers that allow it. */
export function namedList(list: readonly PNode[], env: Env, fallback: string): Out[] {
  const out: Out[] = [];
  let auto = 1;
  for (const it of list) {
    if (it.kind === 'SimpleNamedExpression') {
      const x = lowerExpr(it.c['Expression']!, env);
      upsert(out, { name: nameOf(it.c['Name']), e: x.e, t: x.t, ...(x.struct ? { s: x.struct } : {}) });
    } else if (it.kind === 'CompoundNamedExpression') {
      env.ctx.unsupported('a tuple assignment here', it);
    } else {
      const x = lowerExpr(it, env);
      upsert(out, { name: inferName(it, `${fallback}${auto++}`), e: x.e, t: x.t, ...(x.struct ? { s: x.struct } : {}) });
    }
  }
  return out;
}

function upsert(out: Out[], c: Out): void {
  const i = out.findIndex((o) => o.name === c.name);
  if (i >= 0) out[i] = c;
  else out.push(c);
}

function extend(list: readonly PNode[], input: TRel, o: OpEnv): TRel {
  let cur = input;
  // Kusto lets a later extend item use an earlier one, so each item sees the columns so far.
  for (const it of list) {
    const w = new Serialized(o.ctx, cur.order);
    const env = exprEnv(o, cur.cols, { window: w });
    const outs = it.kind === 'CompoundNamedExpression' || isAnomalyCall(it) ? tupleExtend(it, env) : namedList([it], env, `Column`);
    const cols: Array<Columns[number]> = [...cur.cols];
    for (const c of outs) {
      const i = cols.findIndex((x) => x[0] === c.name);
      if (i >= 0) cols[i] = entry(c);
      else cols.push(entry(c));
    }
    // Replacing a column the rows are ordered by ends the serialization.
    const order = cur.order && !outs.some((c) => orderColumns(cur.order!).has(c.name)) ? cur.order : undefined;
    cur = { rel: w.done(extendRel(w.input(cur.rel), outs.map((c) => named(c.name, c.e)))), cols, ...ordered(order) };
  }
  return cur;
}

const ordered = (order: TRel['order']): { order?: TRel['order'] } => (order ? { order } : {});

function isAnomalyCall(n: PNode): boolean {
  return n.kind === 'FunctionCallExpression' && nameOfRef(n.c['Name']!) === 'series_decompose_anomalies';
}

/** `(flag, score, baseline) = series_decompose_anomalies(y, …)` and its auto-named form. */
function tupleExtend(it: PNode, env: Env): Out[] {
  const callNode = it.kind === 'CompoundNamedExpression' ? it.c['Expression']! : it;
  if (!isAnomalyCall(callNode)) return env.ctx.unsupported('a tuple assignment from this function', callNode);
  const args = callNode.c['ArgumentList']?.c['Expressions']?.items ?? [];
  const y = lowerExpr(args[0]!, env);
  const k = args[1] ? convert(lowerExpr(args[1], env), 'double') : lit(1.5);
  const trendNode = args[3] ? lowerExpr(args[3], env) : null;
  const trend = trendNode?.e.kind === 'literal' && trendNode.e.value === 'linefit' ? 'linefit' : 'avg';
  const res = call('series_anomalies', convert(y, 'dynamic'), k, lit(trend));
  const names = it.kind === 'CompoundNamedExpression'
    ? (it.c['Names']?.c['Names']?.items ?? []).map((n) => nameOf(n))
    : ['ad_flag', 'ad_score', 'baseline'].map((s) => `series_decompose_anomalies_${inferName(args[0]!, 'Column1')}_${s}`);
  const paths = ['flags', 'scores', 'baseline'];
  return names.slice(0, 3).map((name, i) => ({ name, e: { kind: 'jsonPath', arg: res, path: [paths[i]!] }, t: 'dynamic' as IrType }));
}

function summarize(op: PNode, input: TRel, o: OpEnv): TRel {
  const env = exprEnv(o, input.cols);
  const aggEnv = exprEnv(o, input.cols, { aggregates: true });
  const groups: Out[] = o.partition ? [{ name: o.partition, e: f(o.partition), t: 'long' }] : [];
  let auto = 1;
  for (const g of op.c['ByClause']?.c['Expressions']?.items ?? []) {
    if (g.kind === 'SimpleNamedExpression') {
      const x = lowerExpr(g.c['Expression']!, env);
      upsert(groups, { name: nameOf(g.c['Name']), e: x.e, t: x.t });
    } else {
      const x = lowerExpr(g, env);
      upsert(groups, { name: inferName(g, `Column${auto++}`), e: x.e, t: x.t });
    }
  }
  const aggs: Out[] = [];
  for (const a of op.c['Aggregates']?.items ?? []) {
    const inner = a.kind === 'SimpleNamedExpression' || a.kind === 'CompoundNamedExpression' ? a.c['Expression']! : a;
    const fnName = inner.kind === 'FunctionCallExpression' ? nameOfRef(inner.c['Name']!) : '';
    if (fnName === 'percentiles') {
      for (const p of percentiles(inner, a, env, o.ctx)) upsert(aggs, p);
      continue;
    }
    if (a.kind === 'CompoundNamedExpression') return o.ctx.unsupported('a tuple of names for this aggregate', a);
    if (fnName === 'arg_max' || fnName === 'arg_min' || fnName === 'argmax' || fnName === 'argmin') {
      argExtreme(inner, fnName.includes('max') ? 'arg_max' : 'arg_min', input, env, groups, aggs, a.kind === 'SimpleNamedExpression' ? nameOf(a.c['Name']) : null);
      continue;
    }
    const x = lowerExpr(inner, aggEnv);
    let name: string;
    if (a.kind === 'SimpleNamedExpression') name = nameOf(a.c['Name']);
    else {
      const firstArg = inner.c['ArgumentList']?.c['Expressions']?.items?.[0];
      name = (isAggregateName(fnName) && aggregateColumnName(inner, firstArg ? inferName(firstArg, '') : '')) || `Column${auto++}`;
      // Kusto numbers clashing automatic names: dcountif_X, dcountif_X1, …
      const base = name;
      for (let i = 1; aggs.some((x) => x.name === name) || groups.some((x) => x.name === name); i++) name = `${base}${i}`;
    }
    upsert(aggs, { name, e: x.e, t: x.t });
  }
  const cols = [...groups, ...aggs].map((c) => [c.name, c.t] as const);
  return { rel: aggregate(input.rel, groups.map((g) => named(g.name, g.e)), aggs.map((a) => named(a.name, a.e))), cols };
}

function argExtreme(n: PNode, fn: 'arg_max' | 'arg_min', input: TRel, env: Env, groups: Out[], aggs: Out[], alias: string | null): void {
  const args = n.c['ArgumentList']?.c['Expressions']?.items ?? [];
  const by = lowerExpr(args[0]!, env);
  const byName = alias ?? inferName(args[0]!, fn === 'arg_max' ? 'max_' : 'min_');
  upsert(aggs, { name: byName, e: { kind: 'agg', fn: fn === 'arg_max' ? 'max' : 'min', args: [by.e] }, t: by.t });
  const rest = args.slice(1);
  const star = rest.some((r) => r.kind === 'StarExpression');
  const taken = new Set([...groups.map((g) => g.name), byName]);
  const picks: Out[] = star
    ? input.cols.filter((c) => !taken.has(c[0]) && !isHidden(c[0])).map((c) => ({ name: c[0], e: f(c[0]), t: c[1] }))
    : namedList(rest, env, 'Column');
  for (const p of picks) upsert(aggs, { name: p.name, e: { kind: 'agg', fn, args: [p.e, by.e] }, t: p.t });
}

/** percentiles(x, p1, p2, …): one column per level, percentile_x_p or the names of a tuple. */
function percentiles(call: PNode, named_: PNode, env: Env, ctx: Ctx): Out[] {
  const args = call.c['ArgumentList']?.c['Expressions']?.items ?? [];
  if (args.length < 2) return ctx.fail('IDT_KQL_SEMANTIC', 'percentiles() needs a value and at least one level', call);
  const x = convert(lowerExpr(args[0]!, env), 'double');
  const names = named_.kind === 'CompoundNamedExpression' ? (named_.c['Names']?.c['Names']?.items ?? []).map((n) => nameOf(n)) : null;
  if (named_.kind === 'SimpleNamedExpression') return ctx.unsupported('one name for several percentiles (use a tuple: (p50, p95) = percentiles(…))', named_);
  return args.slice(1).map((p, i) => {
    const level = lowerExpr(p, env);
    if (level.e.kind !== 'literal' || typeof level.e.value !== 'number') return ctx.unsupported('a percentile level that is not a constant', p);
    const name = names?.[i] ?? `percentile_${inferName(args[0]!, 'Column1')}_${String(level.e.value).replace('.', '_')}`;
    return { name, e: { kind: 'agg', fn: 'percentile', args: [x, level.e] }, t: 'double' as IrType };
  });
}

export function sortKey(n: PNode, env: Env): SortKey {
  const expr = n.kind === 'OrderedExpression' ? n.c['Expression']! : n;
  const ordering = n.kind === 'OrderedExpression' ? n.c['Ordering'] : null;
  const dir = /asc/i.test(ordering?.c['AscOrDescKeyword']?.text ?? '') ? 'asc' : 'desc';
  const nullsText = ordering?.c['NullsClause']?.c['FirstOrLastKeyword']?.text;
  const nulls = nullsText ? (/first/i.test(nullsText) ? 'first' : 'last') : dir === 'asc' ? 'first' : 'last';
  const x = lowerExpr(expr, env);
  return { expr: x.t === 'dynamic' ? convert(x, 'string') : x.e, direction: dir, nulls };
}

function constInt(n: PNode, o: OpEnv, cols: Columns): number {
  const x = lowerExpr(n, exprEnv(o, cols));
  if (x.e.kind !== 'literal' || typeof x.e.value !== 'number') return o.ctx.unsupported('a row count that is not a constant', n);
  return Math.max(0, Math.floor(x.e.value));
}

/** take/top inside mv-apply: keep the first n rows of each outer row. */
function perPartitionLimit(input: TRel, keys: SortKey[], n: number, o: OpEnv): TRel {
  const rn = o.ctx.fresh('rn');
  const rel = {
    kind: 'window' as const, input: input.rel,
    columns: [{ name: rn, fn: 'row_number' as const, args: [], partitionBy: [f(o.partition!)], orderBy: keys }],
  };
  return { rel: drop(where(rel, cmp('le', f(rn), lit(n))), [rn]), cols: input.cols };
}

function matchNames(list: readonly PNode[], cols: Columns, ctx: Ctx, mustExist: boolean): string[] {
  const out: string[] = [];
  for (const it of list) {
    const pattern = ctx.source(it).trim();
    // `['Policy Name']` names one column literally; only bare names are wildcard patterns.
    const literal = pattern.startsWith('[') ? nameOfRef(it) : null;
    const re = literal !== null ? null : new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
    const hits = cols.filter((c) => (re ? re.test(c[0]) : c[0] === literal)).map((c) => c[0]);
    if (hits.length === 0 && mustExist && (literal !== null || !pattern.includes('*'))) ctx.fail('IDT_KQL_SEMANTIC', `no column named '${literal ?? pattern}'`, it);
    out.push(...hits.filter((h) => !out.includes(h)));
  }
  return out;
}

export { and, passThrough };
export type { NamedExpr, Typed };
