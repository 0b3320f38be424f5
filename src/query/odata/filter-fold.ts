// Fold `x eq a or x eq b or …` on one property into `x in (a, b, …)`. People write such chains by
// hand (tens of user ids, app ids); an IN list is one hash probe per row where an OR chain is one
// comparison per term, and it keeps the SQL short.
import { printExpr, type Expr, type InListExpr } from '../ir/index.ts';

interface Group {
  arg: Expr;
  ci: boolean;
  list: Expr[];
  /** Index of the group's slot in the output, so the original order of terms is kept. */
  slot: number;
}

function asMember(e: Expr): { arg: Expr; value: Expr; ci: boolean }[] | null {
  if (e.kind === 'compare' && e.op === 'eq' && e.right.kind === 'literal' && (e.left.kind === 'field' || e.left.kind === 'var')) {
    return [{ arg: e.left, value: e.right, ci: e.caseInsensitive ?? false }];
  }
  if (e.kind === 'inList' && !e.negated && (e.arg.kind === 'field' || e.arg.kind === 'var')) {
    return e.list.map((value) => ({ arg: e.arg, value, ci: e.caseInsensitive ?? false }));
  }
  return null;
}

export function foldOrChains(e: Expr): Expr {
  if (e.kind !== 'logic' || e.op !== 'or') return e;
  const out: Expr[] = [];
  const groups = new Map<string, Group>();
  const counts = new Map<string, number>();
  for (const a of e.args) {
    const m = asMember(a);
    if (m) {
      const key = `${printExpr(m[0]!.arg)}\u0000${m[0]!.ci}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  for (const a of e.args) {
    const m = asMember(a);
    const key = m ? `${printExpr(m[0]!.arg)}\u0000${m[0]!.ci}` : '';
    if (!m || (counts.get(key) ?? 0) < 2) {
      out.push(a);
      continue;
    }
    let g = groups.get(key);
    if (!g) {
      g = { arg: m[0]!.arg, ci: m[0]!.ci, list: [], slot: out.length };
      groups.set(key, g);
      out.push(a); // placeholder, replaced below
    }
    for (const x of m) if (!g.list.some((y) => y.kind === 'literal' && x.value.kind === 'literal' && y.value === x.value.value)) g.list.push(x.value);
  }
  for (const g of groups.values()) {
    const node: InListExpr = { kind: 'inList', arg: g.arg, list: g.list, negated: false, ...(g.ci ? { caseInsensitive: true } : {}) };
    out[g.slot] = g.list.length === 1 ? { kind: 'compare', op: 'eq', left: g.arg, right: g.list[0]!, ...(g.ci ? { caseInsensitive: true } : {}) } : node;
  }
  return out.length === 1 ? out[0]! : { kind: 'logic', op: 'or', args: out };
}
