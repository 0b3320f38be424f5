// Which log kinds a plan reads. Used to check a caller's right to every log a query touches
// (KQL can reach any table, including one found only inside an `in (subquery)` or `toscalar()`).
import type { LogKind } from '../../model/log-kinds.ts';
import type { Expr, Relation } from './nodes.ts';

function fromExpr(e: unknown, out: Set<LogKind>): void {
  if (!e || typeof e !== 'object') return;
  if (Array.isArray(e)) {
    for (const x of e) fromExpr(x, out);
    return;
  }
  const node = e as Record<string, unknown>;
  if (node['kind'] === 'inRelation' || node['kind'] === 'scalarSubquery') fromRelation(node['relation'] as Relation, out);
  for (const v of Object.values(node)) if (v && typeof v === 'object') fromExpr(v, out);
}

function fromRelation(r: Relation, out: Set<LogKind>): void {
  if (r.kind === 'scan') {
    out.add(r.log);
    return;
  }
  // Walk every child generically: relations nest under input/left/right/inputs, and expressions
  // (which may hold subqueries) under predicate/columns/on/keys.
  for (const [k, v] of Object.entries(r)) {
    if (k === 'kind') continue;
    if (v && typeof v === 'object') {
      if ('kind' in (v as object) && isRelation(v as Relation)) fromRelation(v as Relation, out);
      else if (Array.isArray(v) && v.length && isRelation(v[0] as Relation)) for (const x of v) fromRelation(x as Relation, out);
      else fromExpr(v as Expr, out);
    }
  }
}

const RELATION_KINDS = new Set(['scan', 'filter', 'project', 'extend', 'drop', 'aggregate', 'sort', 'limit', 'distinct', 'join', 'union', 'unnest', 'window', 'values']);
function isRelation(v: Relation | undefined): boolean {
  return Boolean(v && typeof v === 'object' && RELATION_KINDS.has((v as { kind: string }).kind));
}

export function scannedKinds(plan: Relation): Set<LogKind> {
  const out = new Set<LogKind>();
  fromRelation(plan, out);
  return out;
}
