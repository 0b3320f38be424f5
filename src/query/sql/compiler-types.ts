// The compiler's contract with stores (how a scan maps to storage, what a compiled query is) and
// the small pure helpers it uses, kept apart so compiler.ts stays about relations and expressions.
import type { Expr, LiteralExpr } from '../ir/nodes.ts';
import { SqlCompileError, type SqlDialect } from './dialect.ts';
import type { LogKind } from '../../model/log-kinds.ts';

/** How a scan maps to storage: the store tells the compiler this. */
export interface ScanTarget {
  readonly table: string;
  readonly tenantColumn: string;
  /** Every column a scan exposes (record properties and internal `_…` columns). */
  readonly columns: readonly string[];
  /**
   * How a field path reads from this table, when storage is not one column per top-level property
   * with nested access below it (ClickHouse flattens nested scalars into their own columns).
   * `alias` is the table's alias in the statement; undefined falls back to `dialect.fieldAccess`.
   */
  readonly field?: (alias: string, path: readonly string[]) => string | undefined;
  /**
   * Bitmask columns mirroring list-of-enum columns: `listMasks[list]` says which internal column
   * holds one bit per known member. "The list contains one of these members" then reads a small
   * integer column instead of the list (at 10M sign-ins 13 against 140–175 ms for the beta sign-in
   * scope). The store guarantees the mask is set (NOT NULL) and agrees with the list.
   */
  readonly listMasks?: Readonly<Record<string, ListMask>>;
}
export interface ListMask {
  readonly column: string;
  readonly bits: Readonly<Record<string, number>>;
}
export type ScanResolver = (log: LogKind) => ScanTarget;

export interface CompiledQuery {
  readonly sql: string;
  readonly params: readonly unknown[];
  readonly columns: readonly string[];
}

/** For `any(v: v eq lit)` or `any(v: v in (lits))` on the bare variable: the literals, else null. */
export function scalarMembers(e: Extract<Expr, { kind: 'lambda' }>): readonly Expr[] | null {
  if (e.quantifier !== 'any') return null;
  const p = e.predicate;
  const isVar = (a: Expr) => a.kind === 'var' && a.name === e.variable && a.path.length === 0;
  if (p.kind === 'compare' && p.op === 'eq' && !p.caseInsensitive && isVar(p.left) && p.right.kind === 'literal' && p.right.value !== null) return [p.right];
  if (p.kind === 'inList' && !p.negated && !p.caseInsensitive && isVar(p.arg) && p.list.every((i) => i.kind === 'literal' && i.value !== null)) return p.list;
  return null;
}

export function uniqueNames(names: string[]): string[] {
  return [...new Set(names)];
}

/** A join's output columns: the left side's, then the right side's, a clashing name numbered (x, x1, x2…). */
export function joinColumns(left: readonly string[], right: readonly string[]): string[] {
  const columns = [...left];
  for (const c of right) {
    let name = c;
    for (let n = 1; columns.includes(name); n++) name = `${c}${n}`;
    columns.push(name);
  }
  return columns;
}

/**
 * SQL text one expression may grow to. The IR shares subexpressions (a KQL let or function argument
 * used twice is one object), but each use is rendered as its own copy, so nesting doubles the text
 * per level: 30 levels of `let f = (x:long) { x + x }` would be gigabytes and take the process down.
 * Checked at every level, so the doubling stops here after a few megabytes of work.
 */
export const MAX_EXPR_CHARS = 4 * 1024 * 1024;

/**
 * `any(v: v eq lit …)` over a base table's list column that has a mask (ScanTarget.listMasks), when
 * every literal is a member with a bit: the mask column and the OR of the bits (an integer the
 * compiler writes out: it comes from the store's table of bits, never from the query). Else null.
 */
export function maskBits(target: ScanTarget | undefined, coll: Expr, members: readonly Expr[]): { column: string; value: number } | null {
  if (!target?.listMasks || coll.kind !== 'field' || coll.path.length !== 1) return null;
  const m = target.listMasks[coll.path[0]!];
  if (!m) return null;
  let value = 0;
  for (const x of members) {
    const b = x.kind === 'literal' && typeof x.value === 'string' ? m.bits[x.value] : undefined;
    if (b === undefined) return null;
    value |= b;
  }
  return { column: m.column, value };
}

/** A value as a bound, typed parameter. */
export function literalSql(d: SqlDialect, params: unknown[], value: LiteralExpr['value'], type: LiteralExpr['type']): string {
  // An integer beyond 64 bits (a folded toint(1e30), a huge timespan) cannot be bound; as in
  // Kusto, a value that does not convert is null.
  if ((type === 'long' || type === 'int' || type === 'timespan') && typeof value === 'number' && !(Math.abs(value) < 9.2e18)) return d.cast('NULL', type);
  return d.cast(d.bind(value, type, params), type);
}

/** A column name as the dialect quotes it; no engine can name a column with NUL (a pivot over data holding one would). */
export function quotedName(d: SqlDialect, name: string): string {
  if (name.includes('\u0000')) throw new SqlCompileError('a column name cannot contain the NUL character (\\u0000)');
  return d.quoteIdent(name);
}
