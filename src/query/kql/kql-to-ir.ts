// KQL text → IR plan. Statements (let of scalars, tabular expressions, functions and views) build a
// scope; the last query statement is lowered operator by operator (kql-operators.ts) from table
// views (la-tables.ts). Nothing here emits SQL, so the same plan runs on every store backend.
import type { IrType, Relation } from '../ir/index.ts';
import { cmp, drop, field, lit, and, where } from '../ir/index.ts';
import { Ctx, Scope, nameOf, type Binding, type Columns, type FunctionParam, type KqlOptions, type TRel } from './kql-context.ts';
import { isTabular, lowerExpr, nameOfRef, type Env } from './kql-expressions.ts';
import { lowerOperator, type OpEnv } from './kql-operators.ts';
import { lowerUnion } from './kql-multi-operators.ts';
import { lowerSearch } from './kql-search.ts';
import { findLaTable, laTableView } from './la-tables.ts';
import { lowerDataTable, lowerPrint, lowerRange } from './kql-sources.ts';
import { parseKql, type PNode } from './kql-parser.ts';
import { KqlError } from './kql-errors.ts';
import { foreignTableNote, refuseOutOfScope } from './kql-out-of-scope.ts';

export interface KqlToIrOptions extends KqlOptions {
  /** The API's `timespan`: only rows whose TimeGenerated falls in [from, to) are visible. */
  readonly timeRange?: { readonly from: string; readonly to: string };
}

export interface LoweredQuery {
  readonly plan: Relation;
  readonly columns: Columns;
}

/** Sentinel hunting placeholders resolve to the query window (default: the last 14 days). */
function substitutePlaceholders(text: string, o: KqlToIrOptions): string {
  const end = o.timeRange?.to ?? o.now.toISOString();
  const start = o.timeRange?.from ?? new Date(o.now.getTime() - 14 * 864e5).toISOString();
  return text.replace(/\{\{StartTimeISO\}\}/g, start).replace(/\{\{EndTimeISO\}\}/g, end);
}

export function kqlToIr(rawText: string, opts: KqlToIrOptions): LoweredQuery {
  const text = substitutePlaceholders(rawText, opts);
  const parsed = parseKql(text);
  const ctx = new Ctx(text, opts);
  const lowering = new Lowering(ctx, opts);
  try {
    return lowering.query(parsed.root);
  } catch (e) {
    // A construct the lowering does not expect (an argument missing where one is read) is the
    // query's problem to the caller, not a server error.
    if (e instanceof TypeError) throw new KqlError('IDT_KQL_UNSUPPORTED', `this query could not be translated (${e.message})`, null);
    throw e;
  }
}

class Lowering {
  constructor(private readonly ctx: Ctx, private readonly opts: KqlToIrOptions) {}

  query(root: PNode): LoweredQuery {
    const scope = new Scope();
    let result: TRel | null = null;
    for (const st of root.c['Statements']?.items ?? []) {
      if (st.kind === 'LetStatement') this.let(st, scope);
      else if (st.kind === 'ExpressionStatement') result = this.tabular(st.c['Expression']!, scope);
      else if (st.kind === 'SetOptionStatement') continue;
      else this.ctx.unsupported(`the statement '${this.ctx.source(st).slice(0, 40)}'`, st);
    }
    if (!result) return this.ctx.fail('IDT_KQL_SEMANTIC', 'the query has no tabular expression to run', root);
    // Internal columns (hidden struct leaves) never reach the caller, nor are they read for it.
    const internal = result.cols.filter((c) => c[0].startsWith('__')).map((c) => c[0]);
    return { plan: internal.length ? drop(result.rel, internal) : result.rel, columns: result.cols.filter((c) => !c[0].startsWith('__')).map((c) => [c[0], c[1]] as const) };
  }

  private env(scope: Scope, cols: Columns = []): Env {
    return { ctx: this.ctx, scope, cols, tabular: (n, s) => this.tabular(n, s) };
  }

  let(st: PNode, scope: Scope): void {
    const name = nameOf(st.c['Name']);
    const value = st.c['Expression']!;
    if (value.kind === 'FunctionDeclaration') {
      scope.set(name, { kind: 'function', params: this.params(value), body: value.c['Body']!, scope: scope.snapshot() });
      return;
    }
    if (isTabular(value, this.env(scope)) || this.startsTable(value, scope)) {
      scope.set(name, { kind: 'tabular', node: value, scope: scope.snapshot() });
      return;
    }
    scope.set(name, { kind: 'scalar', value: lowerExpr(value, this.env(scope)) });
  }

  /** A name that is a table (an LA view or a tabular let) rather than a scalar. */
  private startsTable(n: PNode, scope: Scope): boolean {
    if (n.kind === 'ParenthesizedExpression') return this.startsTable(n.c['Expression']!, scope);
    if (n.kind === 'NameReference') return findLaTable(nameOfRef(n)) !== undefined && !scope.get(nameOfRef(n));
    return n.kind === 'UnionOperator' || n.kind === 'DataTableExpression' || n.kind === 'PrintOperator' || n.kind === 'RangeOperator' || n.kind === 'SearchOperator';
  }

  private params(decl: PNode): FunctionParam[] {
    return (decl.c['Parameters']?.c['Parameters']?.items ?? []).map((p) => {
      const nt = p.c['NameAndType']!;
      const typeText = this.ctx.source(nt.c['Type']!).trim();
      return { name: nameOf(nt.c['Name']), type: typeText.startsWith('(') ? 'tabular' : irType(typeText), defaultValue: p.c['DefaultValue']?.c['Value'] ?? null };
    });
  }

  tabular(n: PNode, scope: Scope): TRel {
    const opEnv: OpEnv = { ctx: this.ctx, scope, tabular: (x, s) => this.tabular(x, s) };
    switch (n.kind) {
      case 'PipeExpression': {
        const input = this.tabular(n.c['Expression']!, scope);
        return lowerOperator(n.c['Operator']!, input, opEnv);
      }
      case 'ParenthesizedExpression':
        return this.tabular(n.c['Expression']!, scope);
      case 'NameReference':
        return this.named(nameOfRef(n), n, scope);
      case 'UnionOperator':
        return lowerUnion(n, [], opEnv);
      case 'FunctionCallExpression':
        return this.call(n, scope);
      case 'MaterializeExpression':
        return this.tabular(n.c['Expression']!, scope);
      case 'DataTableExpression':
        return lowerDataTable(n, this.env(scope));
      case 'PrintOperator':
        return lowerPrint(n, this.env(scope));
      case 'RangeOperator':
        return lowerRange(n, this.env(scope));
      case 'SearchOperator':
        return lowerSearch(n, null, opEnv);
      default:
        refuseOutOfScope(n, this.ctx);
        return this.ctx.fail('IDT_KQL_UNSUPPORTED', `'${this.ctx.source(n).slice(0, 60)}' (${n.kind}) is not supported as a table`, n);
    }
  }

  private named(name: string, n: PNode, scope: Scope): TRel {
    const b = scope.get(name);
    if (b) return this.binding(b, name, n, []);
    const t = findLaTable(name);
    if (!t) refuseOutOfScope(n, this.ctx);
    if (!t) return this.ctx.fail('IDT_KQL_SEMANTIC', `'${name}' is not a table, tabular let or function of this workspace${foreignTableNote(name)}`, n);
    const view = laTableView(t, this.opts.tenantId, String(this.ctx.nextId()));
    let rel = view.rel;
    if (this.opts.timeRange) {
      const tg = field('TimeGenerated');
      rel = where(rel, and(cmp('ge', tg, lit(this.opts.timeRange.from, 'datetime')), cmp('lt', tg, lit(this.opts.timeRange.to, 'datetime'))));
    }
    return { rel, cols: view.columns };
  }

  private binding(b: Binding, name: string, n: PNode, args: readonly PNode[], callScope?: Scope): TRel {
    switch (b.kind) {
      case 'tabular':
        return this.tabular(b.node, b.scope);
      case 'rel':
        return b.value;
      case 'scalar':
        return this.ctx.fail('IDT_KQL_SEMANTIC', `'${name}' is a scalar, not a table`, n);
      case 'function': {
        const inner = b.scope.child();
        b.params.forEach((p, i) => {
          const arg = args[i] ?? p.defaultValue;
          if (!arg) return this.ctx.fail('IDT_KQL_SEMANTIC', `missing argument '${p.name}' of '${name}'`, n);
          const s = callScope ?? b.scope;
          if (p.type === 'tabular') inner.set(p.name, { kind: 'rel', value: this.tabular(arg, s) });
          else inner.set(p.name, { kind: 'scalar', value: lowerExpr(arg, this.env(s)) });
        });
        for (const st of b.body.c['Statements']?.items ?? []) if (st.kind === 'LetStatement') this.let(st, inner);
        const body = b.body.c['Expression'];
        if (!body) return this.ctx.fail('IDT_KQL_SEMANTIC', `the function '${name}' has no result expression`, n);
        return this.tabular(body, inner);
      }
    }
  }

  private call(n: PNode, scope: Scope): TRel {
    const name = nameOfRef(n.c['Name']!);
    const args = n.c['ArgumentList']?.c['Expressions']?.items ?? [];
    if (name === 'materialize') return this.tabular(args[0]!, scope);
    if (name === 'table') {
      const x = lowerExpr(args[0]!, this.env(scope));
      if (x.e.kind !== 'literal' || typeof x.e.value !== 'string') return this.ctx.unsupported('table() with a name that is not a constant', n);
      return this.named(x.e.value, n, scope);
    }
    const b = scope.get(name);
    if (b) return this.binding(b, name, n, args, scope);
    refuseOutOfScope(n, this.ctx);
    return this.ctx.fail('IDT_KQL_SEMANTIC', `'${name}' is not a function of this workspace`, n.c['Name']!);
  }
}

function irType(t: string): IrType {
  return ({ string: 'string', int: 'long', long: 'long', real: 'double', double: 'double', bool: 'bool', boolean: 'bool', datetime: 'datetime', timespan: 'timespan', dynamic: 'dynamic' } as Record<string, IrType>)[t.toLowerCase()] ?? 'string';
}
