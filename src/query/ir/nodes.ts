// The query IR: small immutable nodes tagged with `kind`, built by the factories in factories.ts.
// Every read (Graph OData, KQL, reports, risk rules, UI) lowers into this, and one compiler turns
// it into SQL per dialect. Adding a node kind breaks the build until every visitor handles it
// (see the `assertNever` in the compiler and the printer).

import type { LogKind } from '../../model/log-kinds.ts';

/** Value types an expression can have. `dynamic` is a JSON value (KQL's dynamic). */
export type IrType = 'string' | 'int' | 'long' | 'double' | 'bool' | 'datetime' | 'timespan' | 'dynamic' | 'null' | 'unknown';

// ---------------------------------------------------------------------------------------------
// Expressions

export interface LiteralExpr {
  readonly kind: 'literal';
  /** datetime literals are ISO-8601 strings; timespans are numbers of nanoseconds (bigint-safe as number). */
  readonly value: string | number | boolean | null;
  readonly type: IrType;
}

/** A column of the input relation, or a nested property of one (`status/errorCode` → ['status','errorCode']). */
export interface FieldExpr {
  readonly kind: 'field';
  readonly path: readonly string[];
}

/** A lambda variable (OData `t` in `any(t: …)`, KQL mv-apply), optionally with a property path into it. */
export interface VarExpr {
  readonly kind: 'var';
  readonly name: string;
  readonly path: readonly string[];
}

export type CompareOp = 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge';
export interface CompareExpr {
  readonly kind: 'compare';
  readonly op: CompareOp;
  readonly left: Expr;
  readonly right: Expr;
  /** KQL `=~` / `!~`: compare without regard to case. */
  readonly caseInsensitive?: boolean;
}

export interface LogicExpr {
  readonly kind: 'logic';
  readonly op: 'and' | 'or';
  readonly args: readonly Expr[];
}

export interface NotExpr {
  readonly kind: 'not';
  readonly arg: Expr;
}

export interface IsNullExpr {
  readonly kind: 'isNull';
  readonly arg: Expr;
  readonly negated: boolean;
}

/** `x in (a, b, c)`; long OData `or` chains of `eq` on one property are folded into this. */
export interface InListExpr {
  readonly kind: 'inList';
  readonly arg: Expr;
  readonly list: readonly Expr[];
  readonly negated: boolean;
  readonly caseInsensitive?: boolean;
}

export type ArithOp = 'add' | 'sub' | 'mul' | 'div' | 'mod';
export interface ArithExpr {
  readonly kind: 'arith';
  readonly op: ArithOp;
  readonly left: Expr;
  readonly right: Expr;
}

export interface NegateExpr {
  readonly kind: 'negate';
  readonly arg: Expr;
}

/** A call of a function from the catalogue in functions.ts; each dialect renders it. */
export interface CallExpr {
  readonly kind: 'call';
  readonly fn: string;
  readonly args: readonly Expr[];
}

/** `any`/`all` over a list-valued expression with a predicate on the bound variable. */
export interface LambdaExpr {
  readonly kind: 'lambda';
  readonly quantifier: 'any' | 'all';
  readonly collection: Expr;
  readonly variable: string;
  readonly predicate: Expr;
}

export interface CaseExpr {
  readonly kind: 'case';
  readonly whens: ReadonlyArray<{ readonly when: Expr; readonly then: Expr }>;
  readonly otherwise: Expr;
}

export interface CastExpr {
  readonly kind: 'cast';
  readonly arg: Expr;
  readonly to: IrType;
}

/** Access into a dynamic (JSON) value: `d.a.b[0]` → path ['a','b',0]. */
export interface JsonPathExpr {
  readonly kind: 'jsonPath';
  readonly arg: Expr;
  readonly path: ReadonlyArray<string | number>;
}

/** An aggregate function; only valid inside an `aggregate` relation or a `window`. */
export interface AggExpr {
  readonly kind: 'agg';
  readonly fn: AggFn;
  readonly args: readonly Expr[];
  readonly distinct?: boolean;
  /** countif/dcountif/sumif: aggregate only rows where this holds. */
  readonly filter?: Expr;
  /** Element order for list-building aggregates (make-series builds ordered arrays). */
  readonly orderBy?: readonly SortKey[];
}

/** `arg in (first column of a relation)` — KQL `x in (tabularLet)`. Null never matches. */
export interface InRelationExpr {
  readonly kind: 'inRelation';
  readonly arg: Expr;
  readonly relation: Relation;
  readonly negated: boolean;
}

/** The first column of the first row of a relation, as a scalar (KQL `toscalar()`); null when empty. */
export interface ScalarSubqueryExpr {
  readonly kind: 'scalarSubquery';
  readonly relation: Relation;
}

export type AggFn =
  | 'count'
  | 'sum'
  | 'avg'
  | 'min'
  | 'max'
  | 'dcount'
  | 'make_set'
  | 'make_list'
  | 'arg_max'
  | 'arg_min'
  | 'percentile'
  | 'any_value'
  | 'make_bag'
  | 'stdev'
  | 'variance';

export type Expr =
  | LiteralExpr
  | FieldExpr
  | VarExpr
  | CompareExpr
  | LogicExpr
  | NotExpr
  | IsNullExpr
  | InListExpr
  | ArithExpr
  | NegateExpr
  | CallExpr
  | LambdaExpr
  | CaseExpr
  | CastExpr
  | JsonPathExpr
  | AggExpr
  | InRelationExpr
  | ScalarSubqueryExpr;

export type ExprKind = Expr['kind'];

// ---------------------------------------------------------------------------------------------
// Relations

/** Read one log kind of one tenant. Every plan starts here, so tenant scoping cannot be forgotten. */
export interface ScanRel {
  readonly kind: 'scan';
  readonly log: LogKind;
  readonly tenantId: string;
}

export interface FilterRel {
  readonly kind: 'filter';
  readonly input: Relation;
  readonly predicate: Expr;
}

export interface NamedExpr {
  readonly name: string;
  readonly expr: Expr;
}

/** Output exactly these columns (KQL project, OData $select, reports). */
export interface ProjectRel {
  readonly kind: 'project';
  readonly input: Relation;
  readonly columns: readonly NamedExpr[];
}

/** Keep all input columns and add or replace some (KQL extend). */
export interface ExtendRel {
  readonly kind: 'extend';
  readonly input: Relation;
  readonly columns: readonly NamedExpr[];
}

/** Drop columns by name (KQL project-away). */
export interface DropRel {
  readonly kind: 'drop';
  readonly input: Relation;
  readonly names: readonly string[];
}

export interface AggregateRel {
  readonly kind: 'aggregate';
  readonly input: Relation;
  readonly groupBy: readonly NamedExpr[];
  /** Each expr is an AggExpr, or an expression over AggExprs (e.g. a ratio). */
  readonly aggregates: readonly NamedExpr[];
}

export interface SortKey {
  readonly expr: Expr;
  readonly direction: 'asc' | 'desc';
  readonly nulls?: 'first' | 'last';
}

export interface SortRel {
  readonly kind: 'sort';
  readonly input: Relation;
  readonly keys: readonly SortKey[];
}

export interface LimitRel {
  readonly kind: 'limit';
  readonly input: Relation;
  readonly count: number;
}

export interface DistinctRel {
  readonly kind: 'distinct';
  readonly input: Relation;
}

export type JoinType = 'inner' | 'left' | 'right' | 'full' | 'semi' | 'anti' | 'cross';

/**
 * Join two relations. `on` refers to the left side's columns with field paths and the right
 * side's with `var('right', …)`; `var('left', …)` is also accepted for symmetry. Columns of the
 * right side whose names collide with the left are suffixed (`name1`), as Kusto does.
 */
export interface JoinRel {
  readonly kind: 'join';
  readonly type: JoinType;
  readonly left: Relation;
  readonly right: Relation;
  readonly on: Expr;
}

/** UNION ALL of relations; columns matched by name, missing ones become null. */
export interface UnionRel {
  readonly kind: 'union';
  readonly inputs: readonly Relation[];
  /** Add a column with this name holding each input's label (KQL `withsource=`). */
  readonly sourceColumn?: string;
  readonly labels?: readonly string[];
}

/** One output row per element of a list-valued column (KQL mv-expand). */
export interface UnnestRel {
  readonly kind: 'unnest';
  readonly input: Relation;
  /** The list expression to expand; the element replaces/creates column `as`. */
  readonly expr: Expr;
  readonly as: string;
  /** Keep rows whose list is empty or null (with a null element). */
  readonly keepEmpty: boolean;
}

/** Window functions (KQL row_number/prev/next, serialize); `fn` as in AggFn or ranking. */
export interface WindowRel {
  readonly kind: 'window';
  readonly input: Relation;
  readonly columns: ReadonlyArray<{
    readonly name: string;
    readonly fn: AggFn | 'row_number' | 'lag' | 'lead';
    readonly args: readonly Expr[];
    readonly partitionBy: readonly Expr[];
    readonly orderBy: readonly SortKey[];
  }>;
}

/** A literal table (KQL datatable, print). Values are bound as parameters. */
export interface ValuesRel {
  readonly kind: 'values';
  readonly columns: ReadonlyArray<{ readonly name: string; readonly type: IrType }>;
  readonly rows: ReadonlyArray<ReadonlyArray<string | number | boolean | null>>;
}

export type Relation =
  | ScanRel
  | FilterRel
  | ProjectRel
  | ExtendRel
  | DropRel
  | AggregateRel
  | SortRel
  | LimitRel
  | DistinctRel
  | JoinRel
  | UnionRel
  | UnnestRel
  | WindowRel
  | ValuesRel;

export type RelationKind = Relation['kind'];

export function assertNever(x: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(x)}`);
}
