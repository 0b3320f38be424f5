// What a SQL dialect must provide. The compiler (compiler.ts) owns the query structure; a dialect
// only overrides the small pieces that differ between engines.
import type { AggFn, IrType } from '../ir/nodes.ts';

export interface SqlDialect {
  readonly name: 'duckdb' | 'clickhouse';
  quoteIdent(name: string): string;
  /** No `OVER (…)` window functions (ClickHouse 18.16): window relations fail to compile, clearly. */
  readonly noWindowFunctions?: boolean;
  /** A SELECT alias hides a same-named column in that whole SELECT (ClickHouse): see compiler selectList. */
  readonly aliasShadowsColumns?: boolean;
  /**
   * Render a bound value. Dialects with server-side parameters push `value` onto `params` and
   * return a placeholder; a dialect without them (ClickHouse 18.16) returns an escaped literal
   * built by its one audited escaping function.
   */
  bind(value: string | number | boolean | null, type: IrType, params: unknown[]): string;
  /** Access a nested struct field path below a column expression. */
  fieldAccess(columnSql: string, path: readonly string[]): string;
  /** Access a property path below a lambda variable (already renamed to a safe identifier). */
  varAccess(varSql: string, path: readonly string[]): string;
  lambda(quantifier: 'any' | 'all', collectionSql: string, varSql: string, predicateSql: string): string;
  /**
   * Optional fast form of `any(x: x = v)` / `any(x: x in (…))` over a list of scalars (the sign-in
   * event-type scope runs on every sign-in query); must be false, never null, for a null list.
   */
  listContainsAny?(collectionSql: string, valueSqls: readonly string[]): string;
  call(fn: string, args: readonly string[]): string;
  cast(sql: string, to: IrType): string;
  jsonPath(sql: string, path: ReadonlyArray<string | number>): string;
  /** `orderSql` (rendered `expr ASC, …`) orders the elements of make_list/make_set when given. */
  agg(fn: AggFn, args: readonly string[], distinct: boolean, filterSql: string | null, orderSql?: string | null): string;
  /** Case-insensitive equality. */
  equalsCI(left: string, right: string): string;
  /** Unnest a list expression into rows (select-list form), optionally keeping empty lists. */
  unnest(listSql: string, keepEmpty: boolean): string;
}

export class SqlCompileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SqlCompileError';
  }
}
