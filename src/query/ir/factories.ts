// Factories for IR nodes. Plans are built only through these so node shapes stay uniform.
import type {
  AggExpr, AggFn, CompareOp, Expr, IrType, JoinType, LiteralExpr, NamedExpr, Relation, SortKey,
} from './nodes.ts';
import type { LogKind } from '../../model/log-kinds.ts';

export const lit = (value: string | number | boolean | null, type?: IrType): LiteralExpr => ({
  kind: 'literal',
  value,
  type: type ?? (value === null ? 'null' : typeof value === 'string' ? 'string' : typeof value === 'boolean' ? 'bool' : Number.isInteger(value) ? 'long' : 'double'),
});
export const dt = (iso: string): LiteralExpr => ({ kind: 'literal', value: iso, type: 'datetime' });
export const field = (...path: string[]): Expr => ({ kind: 'field', path });
export const v = (name: string, ...path: string[]): Expr => ({ kind: 'var', name, path });
export const cmp = (op: CompareOp, left: Expr, right: Expr, caseInsensitive = false): Expr =>
  caseInsensitive ? { kind: 'compare', op, left, right, caseInsensitive } : { kind: 'compare', op, left, right };
export const eq = (l: Expr, r: Expr): Expr => cmp('eq', l, r);

export function and(...args: Expr[]): Expr {
  const flat = args.flatMap((a) => (a.kind === 'logic' && a.op === 'and' ? a.args : [a]));
  return flat.length === 1 ? flat[0]! : { kind: 'logic', op: 'and', args: flat };
}
export function or(...args: Expr[]): Expr {
  const flat = args.flatMap((a) => (a.kind === 'logic' && a.op === 'or' ? a.args : [a]));
  return flat.length === 1 ? flat[0]! : { kind: 'logic', op: 'or', args: flat };
}
export const not = (arg: Expr): Expr => ({ kind: 'not', arg });
export const isNull = (arg: Expr, negated = false): Expr => ({ kind: 'isNull', arg, negated });
export const inList = (arg: Expr, list: Expr[], negated = false, caseInsensitive = false): Expr =>
  caseInsensitive ? { kind: 'inList', arg, list, negated, caseInsensitive } : { kind: 'inList', arg, list, negated };
export const call = (fn: string, ...args: Expr[]): Expr => ({ kind: 'call', fn, args });
export const lambda = (quantifier: 'any' | 'all', collection: Expr, variable: string, predicate: Expr): Expr => ({
  kind: 'lambda', quantifier, collection, variable, predicate,
});
export const cast = (arg: Expr, to: IrType): Expr => ({ kind: 'cast', arg, to });
export const jsonPath = (arg: Expr, ...path: Array<string | number>): Expr => ({ kind: 'jsonPath', arg, path });
export const caseWhen = (whens: Array<{ when: Expr; then: Expr }>, otherwise: Expr): Expr => ({ kind: 'case', whens, otherwise });
export const arith = (op: 'add' | 'sub' | 'mul' | 'div' | 'mod', left: Expr, right: Expr): Expr => ({ kind: 'arith', op, left, right });
export function agg(fn: AggFn, args: Expr[] = [], opts: { distinct?: boolean; filter?: Expr } = {}): AggExpr {
  return { kind: 'agg', fn, args, ...(opts.distinct ? { distinct: true } : {}), ...(opts.filter ? { filter: opts.filter } : {}) };
}
export const named = (name: string, expr: Expr): NamedExpr => ({ name, expr });

// ---- relations -----------------------------------------------------------------------------------
export const scan = (log: LogKind, tenantId: string): Relation => ({ kind: 'scan', log, tenantId });
export const where = (input: Relation, predicate: Expr): Relation => ({ kind: 'filter', input, predicate });
export const project = (input: Relation, columns: NamedExpr[]): Relation => ({ kind: 'project', input, columns });
export const extendRel = (input: Relation, columns: NamedExpr[]): Relation => ({ kind: 'extend', input, columns });
export const drop = (input: Relation, names: string[]): Relation => ({ kind: 'drop', input, names });
export const aggregate = (input: Relation, groupBy: NamedExpr[], aggregates: NamedExpr[]): Relation => ({
  kind: 'aggregate', input, groupBy, aggregates,
});
export const sort = (input: Relation, keys: SortKey[]): Relation => ({ kind: 'sort', input, keys });
export const limit = (input: Relation, count: number): Relation => ({ kind: 'limit', input, count });
export const distinct = (input: Relation): Relation => ({ kind: 'distinct', input });
export const join = (type: JoinType, left: Relation, right: Relation, on: Expr): Relation => ({ kind: 'join', type, left, right, on });
export const union = (inputs: Relation[], sourceColumn?: string, labels?: string[]): Relation => ({
  kind: 'union', inputs, ...(sourceColumn ? { sourceColumn, labels: labels ?? [] } : {}),
});
export const unnest = (input: Relation, expr: Expr, as: string, keepEmpty = false): Relation => ({ kind: 'unnest', input, expr, as, keepEmpty });
export const asc = (expr: Expr): SortKey => ({ expr, direction: 'asc' });
export const desc = (expr: Expr): SortKey => ({ expr, direction: 'desc' });
