// `evaluate pivot(PivotColumn [, Aggregation] [, Column1, Column2, …])`: one output row per distinct
// Column1… (by default every input column except the pivot column and those the aggregation reads),
// and one column per distinct value of PivotColumn holding the aggregation (default count()) over
// that value's rows. The value columns depend on the data, so a probe (kql-probes.ts) lists the
// values first; each becomes the same aggregate restricted to its rows, like countif/sumif.
// Differences from Kusto, documented in docs/kql.md: the value columns come in ordinal order of
// the values (Kusto's follow the data), and rows whose pivot value is null or empty get no column.
import type { Expr } from '../ir/index.ts';
import { aggregate, and, call, eq, field, limit, lit, named, not, project, sort, where } from '../ir/index.ts';
import { type Columns, type TRel } from './kql-context.ts';
import { asString } from './kql-coerce.ts';
import { lowerExpr, nameOfRef } from './kql-expressions.ts';
import { isAggregateName } from './kql-functions.ts';
import { exprEnv, type OpEnv } from './kql-operators.ts';
import type { PNode } from './kql-parser.ts';
import { probe } from './kql-probes.ts';
import { isHidden } from './kql-struct-access.ts';

/** More distinct values than this is a column of values, not of categories. */
export const MAX_PIVOT_VALUES = 500;

export function lowerPivot(fn: PNode, input: TRel, o: OpEnv, at: PNode): TRel {
  const { ctx } = o;
  const args = fn.c['ArgumentList']?.c['Expressions']?.items ?? [];
  const pivotNode = args[0];
  if (!pivotNode) return ctx.fail('IDT_KQL_SEMANTIC', 'pivot() needs the column to pivot on', fn);
  const isAgg = (n: PNode | undefined) => n?.kind === 'FunctionCallExpression' && isAggregateName(nameOfRef(n.c['Name']!));
  const aggNode = isAgg(args[1]) ? args[1]! : null;
  const groupNodes = args.slice(aggNode ? 2 : 1);
  const env = exprEnv(o, input.cols);
  const pivot = asString(lowerExpr(pivotNode, env));
  const aggregation = aggNode ? lowerExpr(aggNode, exprEnv(o, input.cols, { aggregates: true })) : { e: { kind: 'agg', fn: 'count', args: [] } as Expr, t: 'long' as const };
  const groups = groupNodes.length ? explicitGroups(groupNodes, input.cols, o) : defaultGroups(input.cols, [pivotNode, ...(aggNode ? [aggNode] : [])]);

  const values = probe(ctx, at, () => {
    const v = ctx.fresh('v');
    const distinct = aggregate(where(project(input.rel, [named(v, pivot)]), not(call('isempty', field(v)))), [named('value', field(v))], []);
    // One more than the limit tells "too many" from "exactly the limit".
    return limit(sort(distinct, [{ expr: field('value'), direction: 'asc' }]), MAX_PIVOT_VALUES + 1);
  }).map((r) => String(r['value']));
  if (values.length > MAX_PIVOT_VALUES) {
    return ctx.fail('IDT_KQL_UNSUPPORTED', `pivot found more than ${MAX_PIVOT_VALUES} distinct values of its pivot column; narrow the input first`, at);
  }
  // Ordinal order, as the engine's collation may differ.
  values.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const clash = values.find((v) => groups.some((g) => g[0] === v));
  if (clash !== undefined) return ctx.fail('IDT_KQL_SEMANTIC', `pivot: the value '${clash}' would become a column the output already has`, at);

  const cells = values.map((v) => named(v, restrict(aggregation.e, eq(pivot, lit(v)))));
  const rel = aggregate(input.rel, groups.map((g) => named(g[0], field(g[0]))), cells);
  return { rel, cols: [...groups, ...values.map((v) => [v, aggregation.t] as const)] };
}

function explicitGroups(nodes: readonly PNode[], cols: Columns, o: OpEnv): Columns {
  return nodes.map((n) => {
    const name = n.kind === 'NameReference' ? nameOfRef(n) : null;
    const c = name === null ? undefined : cols.find((x) => x[0] === name);
    if (!c) return o.ctx.fail('IDT_KQL_SEMANTIC', `pivot() groups by columns of its input; '${o.ctx.source(n).trim()}' is not one`, n);
    return [c[0], c[1]] as const;
  });
}

/** Every visible input column except the pivot column and the columns the aggregation reads. */
function defaultGroups(cols: Columns, used: readonly PNode[]): Columns {
  const read = new Set<string>();
  const visit = (n: PNode) => {
    if (n.kind === 'NameReference') read.add(nameOfRef(n));
    for (const c of Object.values(n.c)) if (c) visit(c);
    n.items.forEach(visit);
  };
  used.forEach(visit);
  return cols.filter((c) => !isHidden(c[0]) && !read.has(c[0])).map((c) => [c[0], c[1]] as const);
}

/** The aggregation over only the rows where `cond` holds: every aggregate in it gets the filter. */
function restrict(e: Expr, cond: Expr): Expr {
  if (e.kind === 'agg') return { ...e, filter: e.filter ? and(e.filter, cond) : cond };
  const out: Record<string, unknown> = { ...e };
  for (const [k, v] of Object.entries(e)) {
    if (Array.isArray(v)) out[k] = v.map((x) => (isExpr(x) ? restrict(x, cond) : x));
    else if (isExpr(v)) out[k] = restrict(v, cond);
  }
  return out as unknown as Expr;
}

const isExpr = (x: unknown): x is Expr => typeof x === 'object' && x !== null && typeof (x as { kind?: unknown }).kind === 'string';
