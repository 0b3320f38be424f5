// make-series: one row per group with an array per aggregate over evenly spaced bins of the `on`
// axis (missing bins get the default). Bins are a grid cross-joined with the groups and left-joined
// with the per-bin aggregates; arrays are built in bin order.
import type { Expr, IrType, Relation } from '../ir/index.ts';
import { aggregate, agg, and, arith, call, cmp, drop, eq, extendRel, field, join, lit, named, project, unnest, where } from '../ir/index.ts';
import { nameOf, type TRel } from './kql-context.ts';
import { convert } from './kql-coerce.ts';
import { lowerExpr, nameOfRef } from './kql-expressions.ts';
import { exprEnv, type OpEnv } from './kql-operators.ts';
import type { PNode } from './kql-parser.ts';
import { probe } from './kql-probes.ts';

const f = (n: string): Expr => field(n);

/**
 * Bins per series. Kusto caps series at 2^20 values; the grid here is materialised once per group
 * (cross-joined with the `by` keys), so idtrail stops far earlier.
 */
export const MAX_BINS = 10000;

/**
 * Bins of a series whose bounds come from the data: a probe (kql-probes.ts) reads the axis' first
 * and last values, so an open-ended make-series over years of data at a 1s step is refused with a
 * 400 before any grid is built. The plan itself still takes the bounds in SQL, as before.
 */
function dataBins(op: PNode, axis: Expr, input: TRel, o: OpEnv, b: { from: number; to: number; stepMs: number }): number {
  const [row] = probe(o.ctx, op, () => aggregate(input.rel, [], [named('lo', agg('min', [axis])), named('hi', agg('max', [axis]))]));
  const ms = (v: unknown) => (v === null || v === undefined ? NaN : Date.parse(String(v)));
  const lo = Number.isNaN(b.from) ? Math.floor(ms(row?.['lo']) / b.stepMs) * b.stepMs : b.from;
  const hi = Number.isNaN(b.to) ? (Math.floor(ms(row?.['hi']) / b.stepMs) + 1) * b.stepMs : b.to;
  // An empty input (no first or last value) has no bins.
  return Number.isFinite(lo) && Number.isFinite(hi) ? Math.max(0, Math.ceil((hi - lo) / b.stepMs)) : 0;
}

/** Bins from `from` (inclusive) to `to` (exclusive) when the bounds are only known in SQL. */
function binGrid(bin: string, from: Expr, to: Expr, stepNs: number, o: OpEnv): Relation {
  const i = o.ctx.fresh('i');
  const count = call('floor', arith('div', arith('add', call('datetime_sub', to, from), lit(stepNs - 1)), lit(stepNs)));
  const one: Relation = { kind: 'values', columns: [{ name: '__one', type: 'long' }], rows: [[0]] };
  const rows = unnest(one, call('dynamic_to_list', call('range_array', count)), i);
  const at = call('datetime_add', from, arith('mul', convert({ e: f(i), t: 'dynamic' }, 'long'), lit(stepNs)));
  return project(drop(extendRel(rows, [named(bin, at)]), ['__one', i]), [named(bin, f(bin))]);
}

/**
 * make-series parameters: `kind=nonempty` (the one row of default series for an empty input) is
 * kept, and only without `by` (what it gives per group is not documented); hint.* changes no result.
 */
function nonEmptyKind(op: PNode, o: OpEnv): boolean {
  let nonEmpty = false;
  for (const p of op.c['Parameters']?.items ?? []) {
    const name = nameOf(p.c['Name']).toLowerCase();
    if (name !== 'kind') continue;
    const value = o.ctx.source(p.c['Expression']!).trim().toLowerCase();
    if (value !== 'nonempty') return o.ctx.unsupported(`make-series kind=${value} (only kind=nonempty)`, p);
    if (op.c['ByClause']) return o.ctx.unsupported('make-series kind=nonempty with by', p);
    nonEmpty = true;
  }
  return nonEmpty;
}

/** make-series agg [default=v] on T from A to B step S [by keys]; A, B, S must be constants. */
export function makeSeries(op: PNode, input: TRel, o: OpEnv): TRel {
  const env = exprEnv(o, input.cols);
  const on = lowerExpr(op.c['OnClause']!.c['Expression']!, env);
  const onName = nameOfRef(op.c['OnClause']!.c['Expression']!) || 'TimeGenerated';
  const range = op.c['RangeClause'];
  if (!range) return o.ctx.unsupported('make-series without `from … to … step` or `in range(…)`', op);
  let fromN: PNode | null | undefined, toN: PNode | null | undefined, stepN: PNode | null | undefined;
  if (range.kind === 'MakeSeriesInRangeClause') {
    const args = range.c['Arguments']?.c['Expressions']?.items ?? [];
    [fromN, toN, stepN] = args;
  } else {
    fromN = range.c['MakeSeriesFromClause']?.c['Expression'];
    toN = range.c['MakeSeriesToClause']?.c['Expression'];
    stepN = range.c['MakeSeriesStepClause']?.c['Expression'];
  }
  const konst = (n: PNode | null | undefined) => {
    if (!n) return o.ctx.unsupported('make-series without a step', op);
    const x = lowerExpr(n, env);
    if (x.e.kind !== 'literal' || x.e.value === null) return o.ctx.unsupported('make-series bounds that are not constants', n);
    return x.e.value;
  };
  const stepNs = Number(konst(stepN));
  if (!(stepNs > 0)) return o.ctx.fail('IDT_KQL_SEMANTIC', 'make-series needs a positive step', stepN ?? op);
  if (on.t !== 'datetime' && (!fromN || !toN)) return o.ctx.unsupported('make-series over a non-datetime axis without from and to', op);
  const nonEmpty = nonEmptyKind(op, o);
  const bin = o.ctx.fresh('bin');
  // Missing bounds come from the data, as in Kusto: the bin of the first value, and the end of the
  // bin of the last one. They are scalar subqueries, so the bins are generated in SQL.
  const bound = (fn: 'min' | 'max') => call('bin_datetime', { kind: 'scalarSubquery', relation: aggregate(input.rel, [], [named('v', agg(fn, [on.e]))]) }, lit(stepNs));
  const constantBounds = fromN && toN;
  const from = fromN ? Date.parse(String(konst(fromN))) : NaN;
  const to = toN ? Date.parse(String(konst(toN))) : NaN;
  const fromLit: Expr = fromN ? lit(new Date(from).toISOString(), 'datetime') : bound('min');
  const toLit: Expr = toN ? lit(new Date(to).toISOString(), 'datetime') : call('datetime_add', bound('max'), lit(stepNs));
  const stepMs = stepNs / 1e6;
  const nBins = constantBounds ? Math.max(0, Math.ceil((to - from) / stepMs)) : dataBins(op, on.e, input, o, { from, to, stepMs });
  if (nBins > MAX_BINS) return o.ctx.unsupported(`a make-series of ${nBins} bins (at most ${MAX_BINS}; give from/to or a larger step)`, op);
  const keys = (op.c['ByClause']?.c['Expressions']?.items ?? []).map((k) => {
    const x = lowerExpr(k.kind === 'SimpleNamedExpression' ? k.c['Expression']! : k, env);
    return { name: k.kind === 'SimpleNamedExpression' ? nameOf(k.c['Name']) : nameOfRef(k) || o.ctx.fresh('key'), e: x.e, t: x.t };
  });
  const binExpr = call('datetime_add', fromLit, arith('mul', call('floor', arith('div', call('datetime_sub', on.e, fromLit), lit(stepNs))), lit(stepNs)));
  const inRange = and(cmp('ge', on.e, fromLit), cmp('lt', on.e, toLit));
  const aggEnv = exprEnv(o, input.cols, { aggregates: true });
  const series = (op.c['Aggregates']?.items ?? []).map((a, i) => {
    const ex = a.c['Expression']!;
    const isNamed = ex.kind === 'SimpleNamedExpression';
    const x = lowerExpr(isNamed ? ex.c['Expression']! : ex, aggEnv);
    const def = a.c['DefaultExpression'] ? lowerExpr(a.c['DefaultExpression'].c['Expression']!, env) : { e: lit(0), t: 'long' as IrType };
    return { name: isNamed ? nameOf(ex.c['Name']) : i === 0 ? 'count_' : `Column${i}`, e: x.e, def: def.e, tmp: o.ctx.fresh('v') };
  });
  const per = aggregate(where(input.rel, inRange), [...keys.map((k) => named(k.name, k.e)), named(bin, binExpr)], series.map((s) => named(s.tmp, s.e)));
  const grid0: Relation = constantBounds
    ? { kind: 'values', columns: [{ name: bin, type: 'datetime' }], rows: Array.from({ length: nBins }, (_, i) => [new Date(from + i * stepMs).toISOString()]) }
    : binGrid(bin, fromLit, toLit, stepNs, o);
  // Without `by`, the groups are one gate row that exists only when the input has a row: Kusto
  // returns no series for an empty input (unless kind=nonempty), while an aggregate with no group
  // keys would always give one row. The gate is a group key of the final aggregate, then dropped.
  const gate = keys.length || nonEmpty ? null : o.ctx.fresh('nonempty');
  const keyRel = gate
    ? where(aggregate(input.rel, [], [named(gate, agg('count'))]), cmp('gt', f(gate), lit(0)))
    : aggregate(per, keys.map((k) => named(k.name, f(k.name))), []);
  const grid = keys.length || gate ? join('cross', keyRel, grid0, lit(true)) : grid0;
  const lk = join('left', grid, per, and(...[...keys.map((k) => k.name), bin].map((n) => eq({ kind: 'var', name: '$left', path: [n] }, { kind: 'var', name: '$right', path: [n] }))));
  const orderBin = [{ expr: f(bin), direction: 'asc' as const }];
  const grouped = aggregate(lk, [...keys.map((k) => k.name), ...(gate ? [gate] : [])].map((n) => named(n, f(n))), [
    ...series.map((s) => named(s.name, { ...agg('make_list', [call('coalesce', f(s.tmp), s.def)]), orderBy: orderBin })),
    // The axis of datetimes holds their ISO-8601 text, as a Kusto dynamic array does.
    named(onName, { ...agg('make_list', [on.t === 'datetime' ? call('datetime_to_json_text', f(bin)) : f(bin)]), orderBy: orderBin }),
  ]);
  const out = gate ? drop(grouped, [gate]) : grouped;
  return { rel: out, cols: [...keys.map((k) => [k.name, k.t] as const), ...series.map((s) => [s.name, 'dynamic'] as const), [onName, 'dynamic']] };
}
