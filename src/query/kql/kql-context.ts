// Shared state of one KQL → IR lowering: typed relations and expressions, the let scope, and
// error construction with positions. Kusto is typed, and its results depend on types (string vs
// number comparisons, dynamic access, timespan arithmetic), so every lowered value carries one.
import type { Expr, IrType, Relation, SortKey } from '../ir/index.ts';
import type { LogKind, ObjectSchema } from '../../model/index.ts';
import { KqlError, positionOf, type KqlErrorCode } from './kql-errors.ts';
import type { PNode } from './kql-parser.ts';

export interface Typed {
  readonly e: Expr;
  readonly t: IrType;
  /** This dynamic value is a stored record (or a part of one) with hidden leaf columns: kql-struct-access.ts. */
  readonly struct?: StructRef;
  /** This dynamic value is `to_dynamic(leaf)`: conversions read the typed leaf directly. */
  readonly leaf?: Typed;
}

/** A dynamic value that is the stored record at `path` below the hidden leaf columns `hidden/…`. */
export interface StructRef {
  readonly hidden: string;
  readonly path: readonly string[];
  readonly schema: ObjectSchema;
}

/** Output columns in order: name, type, and for record-valued dynamic columns their StructRef. */
export type Columns = ReadonlyArray<readonly [string, IrType, StructRef?]>;

/** A lowered tabular expression with its output columns in order. */
export interface TRel {
  readonly rel: Relation;
  readonly cols: Columns;
  /** The rows' order when serialized (after sort, top, serialize): prev()/next()/row_number() use it. */
  readonly order?: readonly SortKey[];
}

export interface FunctionParam {
  readonly name: string;
  /** 'tabular' for `T:(*)`-style parameters. */
  readonly type: IrType | 'tabular';
  readonly defaultValue: PNode | null;
}

export type Binding =
  | { readonly kind: 'scalar'; readonly value: Typed }
  | { readonly kind: 'tabular'; readonly node: PNode; readonly scope: Scope }
  | { readonly kind: 'rel'; readonly value: TRel }
  | { readonly kind: 'function'; readonly params: readonly FunctionParam[]; readonly body: PNode; readonly scope: Scope };

export class Scope {
  private readonly names = new Map<string, Binding>();
  constructor(private readonly parent: Scope | null = null) {}
  get(name: string): Binding | undefined {
    return this.names.get(name) ?? this.parent?.get(name);
  }
  set(name: string, b: Binding): void {
    this.names.set(name, b);
  }
  child(): Scope {
    return new Scope(this);
  }
  /**
   * The names as they are now, unaffected by later lets: a let's value sees only what was defined
   * before it (`let SigninLogs = SigninLogs | where …` reads the table, not itself).
   */
  snapshot(): Scope {
    const s = new Scope(this.parent);
    for (const [k, v] of this.names) s.names.set(k, v);
    return s;
  }
}

export interface KqlOptions {
  readonly tenantId: string;
  /** The query's `now()`; Kusto fixes it once per query. Tests pass a fixed clock. */
  readonly now: Date;
  /** Which logs the caller may read: a `search` without a table list covers only those. */
  readonly canRead?: (kind: LogKind) => boolean;
  /** Answers of the probes a previous lowering pass asked for (kql-probes.ts). */
  readonly probes?: ReadonlyMap<string, ReadonlyArray<Readonly<Record<string, unknown>>>>;
}

export class Ctx {
  private seq = 0;
  private readonly reached = new Map<number, number>();
  constructor(readonly text: string, readonly opts: KqlOptions) {}

  fail(code: KqlErrorCode, message: string, node: PNode | null): never {
    throw new KqlError(code, message, node ? positionOf(this.text, node.start, node.end - node.start) : null);
  }
  unsupported(what: string, node: PNode): never {
    return this.fail('IDT_KQL_UNSUPPORTED', `${what} is not supported`, node);
  }
  /** A number unique within this query (tags view instances). */
  nextId(): number {
    return this.seq++;
  }
  /** A fresh internal column name that cannot clash with user columns. */
  fresh(prefix: string): string {
    return `__${prefix}${this.seq++}`;
  }
  /** A key for a data-dependent construct, stable across lowering passes of the same text. */
  probeKey(node: PNode): string {
    const n = this.reached.get(node.start) ?? 0;
    this.reached.set(node.start, n + 1);
    return `${node.start}#${n}`;
  }
  source(node: PNode): string {
    return this.text.slice(node.start, node.end);
  }
}

export const colType = (cols: Columns, name: string): IrType | undefined => cols.find((c) => c[0] === name)?.[1];

/** The identifier text of a NameDeclaration / NameReference / token. */
export function nameOf(n: PNode | null | undefined): string {
  if (!n) return '';
  if (n.text !== undefined) return unbracket(n.text);
  for (const k of ['Name', 'Token']) {
    const c = n.c[k];
    if (c) return nameOf(c);
  }
  if (n.kind === 'BracketedName' && n.c['Name']) return nameOf(n.c['Name']);
  return '';
}

function unbracket(t: string): string {
  const m = /^\[\s*(['"])(.*)\1\s*\]$/.exec(t) ?? /^(['"])(.*)\1$/.exec(t);
  return m ? m[2]! : t;
}

/** Kusto's name for an un-named expression column: the column it derives from, else ColumnN. */
export function inferName(n: PNode, fallback: string): string {
  if (n.kind === 'NameReference') return nameOf(n);
  if (n.kind === 'PathExpression' || n.kind === 'ElementExpression') {
    const parts: string[] = [];
    let cur: PNode | null = n;
    while (cur && (cur.kind === 'PathExpression' || cur.kind === 'ElementExpression')) {
      const sel = cur.c['Selector'];
      if (sel && sel.kind === 'NameReference') parts.unshift(nameOf(sel));
      else if (sel?.kind === 'BracketedExpression') {
        const inner = sel.c['Expression'];
        if (inner?.kind === 'StringLiteralExpression') parts.unshift(nameOf(inner.c['Token']));
        else parts.unshift(inner?.text ?? (inner ? (inner.c['Token']?.text ?? '') : ''));
      }
      cur = cur.c['Expression'] ?? null;
    }
    if (cur?.kind === 'NameReference') parts.unshift(nameOf(cur));
    return parts.filter(Boolean).join('_').replace(/[^A-Za-z0-9_]/g, '_');
  }
  if (n.kind === 'FunctionCallExpression') {
    const args = n.c['ArgumentList']?.c['Expressions']?.items ?? [];
    const first = args[0];
    if (first) return inferName(first, fallback);
  }
  if (n.kind === 'ParenthesizedExpression' && n.c['Expression']) return inferName(n.c['Expression'], fallback);
  // `round(FailureRate = x * 100)`, seen in published hunting queries: the column is FailureRate.
  if (n.kind === 'SimpleNamedExpression') return nameOf(n.c['Name']);
  return fallback;
}
