// KQL `top-nested`: level i keeps the top N_i values of its `of` expression within each group of
// the levels above it, ranked by its aggregation over the input rows of that group. Each level is
// an aggregate of the input grouped by levels 1..i, joined to the rows kept so far and ranked with
// row_number() inside the parent group. `with others = v` adds, under each kept parent, one row
// whose key is v and whose aggregate covers the parent's rows that did not make the top N; the
// deeper levels of such a row are empty.
import type { Expr, IrType, Relation } from '../ir/index.ts';
import { aggregate, and, cmp, drop, eq, extendRel, field, join, lit, named, project, union, where } from '../ir/index.ts';
import { inferName, nameOf, type TRel } from './kql-context.ts';
import { isNumeric } from './kql-coerce.ts';
import { lowerExpr } from './kql-expressions.ts';
import { exprEnv, type OpEnv } from './kql-operators.ts';
import type { PNode } from './kql-parser.ts';

interface Level {
  readonly count: number | null;
  readonly key: { name: string; e: Expr; t: IrType };
  readonly agg: { name: string; e: Expr; t: IrType };
  readonly direction: 'asc' | 'desc';
  /** `with others = v`: the key of the row that stands for everything outside the top N. */
  readonly others: Expr | null;
}

export function lowerTopNested(op: PNode, input: TRel, o: OpEnv): TRel {
  const { ctx } = o;
  if (o.partition) return ctx.unsupported('top-nested inside mv-apply', op);
  const env = exprEnv(o, input.cols);
  const aggEnv = exprEnv(o, input.cols, { aggregates: true });
  const levels: Level[] = (op.c['Clauses']?.items ?? []).map((clause) => {
    let count: number | null = null;
    const countNode = clause.c['Expression'];
    if (countNode) {
      const n = lowerExpr(countNode, env);
      if (n.e.kind !== 'literal' || typeof n.e.value !== 'number') return ctx.unsupported('a top-nested count that is not a constant', countNode);
      count = Math.max(0, Math.floor(n.e.value));
    }
    const of = clause.c['OfExpression']!;
    const ofInner = of.kind === 'SimpleNamedExpression' ? of.c['Expression']! : of;
    const keyName = of.kind === 'SimpleNamedExpression' ? nameOf(of.c['Name']) : inferName(of, `Column${count ?? ''}`);
    const key = lowerExpr(ofInner, env);
    let by = clause.c['ByExpression']!;
    let direction: 'asc' | 'desc' = 'desc';
    if (by.kind === 'OrderedExpression') {
      direction = /asc/i.test(by.c['Ordering']?.c['AscOrDescKeyword']?.text ?? '') ? 'asc' : 'desc';
      by = by.c['Expression']!;
    }
    const aggName = by.kind === 'SimpleNamedExpression' ? nameOf(by.c['Name']) : `aggregated_${keyName}`;
    const a = lowerExpr(by.kind === 'SimpleNamedExpression' ? by.c['Expression']! : by, aggEnv);
    let others: Expr | null = null;
    const withOthers = clause.c['WithOthersClause']?.c['Expression'];
    if (withOthers) {
      const v = lowerExpr(withOthers, env);
      if (v.e.kind !== 'literal') return ctx.unsupported('a top-nested `with others` value that is not a constant', withOthers);
      // The others row shares the key column, so its value must have the key's type.
      if (v.t !== key.t && !(isNumeric(v.t) && isNumeric(key.t)) && v.t !== 'null') return ctx.fail('IDT_KQL_SEMANTIC', `top-nested: the others value is a ${v.t}, but '${keyName}' is a ${key.t}`, withOthers);
      others = v.t === key.t || v.t === 'null' ? lit(v.e.value, key.t) : { kind: 'cast', arg: v.e, to: key.t };
    }
    return { count, key: { name: keyName, e: key.e, t: key.t }, agg: { name: aggName, e: a.e, t: a.t }, direction, others };
  });
  const names = levels.flatMap((l) => [l.key.name, l.agg.name]);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) return ctx.fail('IDT_KQL_SEMANTIC', `top-nested produces the column '${dup}' twice; name the levels' columns`, op);

  let kept: Relation | null = null;
  const otherRows: Relation[] = [];
  levels.forEach((level, i) => {
    const parentKept = kept;
    // This level's groups, with private names so the join below cannot clash with kept columns.
    const keyTmp = levels.slice(0, i + 1).map(() => ctx.fresh('k'));
    const aggTmp = ctx.fresh('a');
    const grouped = aggregate(input.rel, levels.slice(0, i + 1).map((l, j) => named(keyTmp[j]!, l.key.e)), [named(aggTmp, level.agg.e)]);
    let rel: Relation;
    if (kept === null) rel = grouped;
    else {
      const on = and(...levels.slice(0, i).map((l, j) => eq({ kind: 'var', name: '$left', path: [l.key.name] }, { kind: 'var', name: '$right', path: [keyTmp[j]!] })));
      rel = join('inner', kept, grouped, on);
    }
    const parent: Expr[] = kept === null ? [] : levels.slice(0, i).map((l) => field(l.key.name));
    if (level.count !== null) {
      const rn = ctx.fresh('rn');
      rel = {
        kind: 'window', input: rel,
        columns: [{ name: rn, fn: 'row_number', args: [], partitionBy: parent, orderBy: [{ expr: field(aggTmp), direction: level.direction, nulls: 'last' }] }],
      };
      rel = drop(where(rel, cmp('le', field(rn), lit(level.count))), [rn]);
    }
    const carried = levels.slice(0, i).flatMap((l) => [named(l.key.name, field(l.key.name)), named(l.agg.name, field(l.agg.name))]);
    kept = project(rel, [...carried, named(level.key.name, field(keyTmp[i]!)), named(level.agg.name, field(aggTmp))]);
    if (level.others && level.count !== null) otherRows.push(othersRow(levels, i, input.rel, parentKept, kept, o));
  });
  if (kept === null) return ctx.fail('IDT_KQL_SEMANTIC', 'top-nested needs at least one clause', op);
  const cols = levels.flatMap((l) => [[l.key.name, l.key.t] as const, [l.agg.name, l.agg.t] as const]);
  return { rel: otherRows.length ? union([kept, ...otherRows]) : kept, cols };
}

/**
 * Level i's others rows: the input rows under each kept parent whose level-i key is not among the
 * kept ones, aggregated per parent, keyed by the others value.
 */
function othersRow(levels: readonly Level[], i: number, input: Relation, parentKept: Relation | null, keptHere: Relation, o: OpEnv): Relation {
  const { ctx } = o;
  const level = levels[i]!;
  const keyTmp = levels.slice(0, i + 1).map(() => ctx.fresh('k'));
  const keyed = extendRel(input, levels.slice(0, i + 1).map((l, j) => named(keyTmp[j]!, l.key.e)));
  const sameKeys = (upTo: number) => and(...levels.slice(0, upTo).map((l, j) => eq({ kind: 'var', name: '$left', path: [keyTmp[j]!] }, { kind: 'var', name: '$right', path: [l.key.name] })));
  let rest: Relation = join('anti', keyed, keptHere, sameKeys(i + 1));
  if (parentKept) rest = join('semi', rest, parentKept, sameKeys(i));
  const aggTmp = ctx.fresh('a');
  const n = ctx.fresh('n');
  let rel: Relation = aggregate(rest, levels.slice(0, i).map((_, j) => named(keyTmp[j]!, field(keyTmp[j]!))), [named(aggTmp, level.agg.e), named(n, { kind: 'agg', fn: 'count', args: [] })]);
  // Nothing left outside the top N: no others row (an aggregate without groups would make one).
  rel = where(rel, cmp('gt', field(n), lit(0)));
  if (parentKept) rel = join('inner', rel, parentKept, sameKeys(i));
  const carried = levels.slice(0, i).flatMap((l) => [named(l.key.name, field(l.key.name)), named(l.agg.name, field(l.agg.name))]);
  // Deeper levels are absent here; the union fills them with nulls.
  return project(rel, [...carried, named(level.key.name, level.others!), named(level.agg.name, field(aggTmp))]);
}
