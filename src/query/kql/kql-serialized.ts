// Serialized input and the functions that need it: prev(), next() and row_number(). Kusto allows
// them only on rows with an order (after sort, top or serialize), so the lowering tracks that
// order on the relation (TRel.order) and turns each call into a window column ordered by it,
// computed just below the operator that uses it and dropped again after it.
import type { Expr, Relation, SortKey, WindowRel } from '../ir/index.ts';
import { arith, drop, field, lit } from '../ir/index.ts';
import type { Ctx, Typed } from './kql-context.ts';
import type { PNode } from './kql-parser.ts';

type WindowColumn = WindowRel['columns'][number];

/** Collects the window columns the expressions of one operator ask for. */
export class Serialized {
  private readonly columns: WindowColumn[] = [];
  constructor(private readonly ctx: Ctx, readonly order: readonly SortKey[] | undefined) {}

  add(fn: WindowColumn['fn'], args: readonly Expr[], what: string, n: PNode): Expr {
    if (!this.order) return this.ctx.fail('IDT_KQL_SEMANTIC', `${what}() needs serialized rows: put sort, top or serialize before it`, n);
    const name = this.ctx.fresh('w');
    this.columns.push({ name, fn, args, partitionBy: [], orderBy: this.order });
    return field(name);
  }
  /** The operator's input with the window columns computed (unchanged when none were used). */
  input(rel: Relation): Relation {
    return this.columns.length ? { kind: 'window', input: rel, columns: [...this.columns] } : rel;
  }
  /** The operator's output without the temporary columns. */
  done(rel: Relation): Relation {
    return this.columns.length ? drop(rel, this.columns.map((c) => c.name)) : rel;
  }
}

/** prev(x [, offset [, default]]), next(…), row_number([start]) → a typed window reference. */
export function windowCall(name: 'prev' | 'next' | 'row_number', args: readonly Typed[], w: Serialized | undefined, ctx: Ctx, n: PNode): Typed {
  if (!w) return ctx.fail('IDT_KQL_SEMANTIC', `${name}() can only be used in extend, project or where`, n);
  const constant = (x: Typed | undefined, fallback: number): number => {
    if (!x) return fallback;
    if (x.e.kind !== 'literal' || typeof x.e.value !== 'number') return ctx.unsupported(`${name}() with an argument that is not a constant number`, n);
    return x.e.value;
  };
  if (name === 'row_number') {
    if (args.length > 1) return ctx.unsupported('row_number() with a restart condition', n);
    const start = constant(args[0], 1);
    const rn = w.add('row_number', [], name, n);
    return { e: start === 1 ? rn : arith('add', rn, lit(start - 1)), t: 'long' };
  }
  const x = args[0];
  if (!x) return ctx.fail('IDT_KQL_SEMANTIC', `${name}() needs a column`, n);
  const offset = Math.floor(constant(args[1], 1));
  const extra = args[2] ? [args[2].e] : [];
  return { e: w.add(name === 'prev' ? 'lag' : 'lead', [x.e, lit(offset), ...extra], name, n), t: x.t };
}

/** Column names an order refers to (the order survives an operator that keeps them all). */
export function orderColumns(order: readonly SortKey[]): Set<string> {
  const out = new Set<string>();
  const walk = (v: unknown): void => {
    if (!v || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach(walk);
    const node = v as Record<string, unknown>;
    if (node['kind'] === 'field') out.add((node['path'] as string[])[0]!);
    Object.values(node).forEach(walk);
  };
  order.forEach((k) => walk(k.expr));
  return out;
}
