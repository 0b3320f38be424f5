// KQL `search`: `[T |] search [kind=case_sensitive] [in (T1, T2, A*)] Predicate`. As documented,
// it is `union T1, T2, … | where Predicate` with a `$table` column naming each row's table; without
// an input or an `in` list it searches every table of the workspace. In the predicate a quoted term
// matches any string or dynamic column the way `has` does, a `*` in the term making it a prefix,
// suffix, substring or pattern match; `Col:"term"` looks in one column; anything else is an ordinary
// condition. kind=case_sensitive makes the term matches exact-case; an ordinary condition that uses
// a case-insensitive operator under it is refused rather than silently answered without case.
import type { Expr } from '../ir/index.ts';
import { and, call, extendRel, field, lit, named, not, or, where } from '../ir/index.ts';
import { nameOf, type Columns, type TRel } from './kql-context.ts';
import { asString } from './kql-coerce.ts';
import { asBool, lowerExpr, nameOfRef } from './kql-expressions.ts';
import { unionOf } from './kql-multi-operators.ts';
import { exprEnv, type OpEnv } from './kql-operators.ts';
import type { PNode } from './kql-parser.ts';
import { parseStringToken } from './kql-literals.ts';
import { findLaTable, LA_TABLE_NAMES } from './la-tables.ts';
import { isHidden } from './kql-struct-access.ts';

const TABLE = '$table';

/** Operators that ignore case, which kind=case_sensitive would have to change. */
const CASE_INSENSITIVE = new Set([
  'HasExpression', 'NotHasExpression', 'ContainsExpression', 'NotContainsExpression', 'StartsWithExpression', 'NotStartsWithExpression',
  'EndsWithExpression', 'NotEndsWithExpression', 'EqualTildeExpression', 'BangTildeExpression', 'HasAnyExpression', 'HasAllExpression',
  'HasPrefixExpression', 'HasSuffixExpression',
]);

/** `* has "x"` and friends over every column: [function, case-sensitive function]. */
const STAR_OPS: Record<string, [string, string]> = {
  HasExpression: ['has', 'has_cs'], HasCsExpression: ['has_cs', 'has_cs'], ContainsExpression: ['contains', 'contains_cs'], ContainsCsExpression: ['contains_cs', 'contains_cs'],
};

interface Ctx {
  readonly o: OpEnv;
  readonly cols: Columns;
  readonly caseSensitive: boolean;
}

export function lowerSearch(op: PNode, input: TRel | null, o: OpEnv): TRel {
  const { ctx } = o;
  if (o.partition) return ctx.unsupported('search inside mv-apply', op);
  let caseSensitive = false;
  for (const p of op.c['Parameters']?.items ?? []) {
    const name = nameOf(p.c['Name']).toLowerCase();
    const value = ctx.source(p.c['Expression']!).trim().toLowerCase();
    if (name !== 'kind' || !['default', 'case_insensitive', 'case_sensitive'].includes(value)) return ctx.unsupported(`search ${ctx.source(p).trim()}`, p);
    caseSensitive = value === 'case_sensitive';
  }
  const inClause = op.c['InClause'];
  if (input && inClause) return ctx.fail('IDT_KQL_SEMANTIC', 'search takes its input from the pipe or from `in (…)`, not both', inClause);
  const source = input ? piped(input) : tables(inClause?.c['Expressions']?.items ?? null, o, op);
  const condition = op.c['Condition'];
  if (!condition) return ctx.fail('IDT_KQL_SEMANTIC', 'search needs a term or a condition', op);
  const c: Ctx = { o, cols: source.cols.filter((col) => col[0] !== TABLE && !isHidden(col[0])), caseSensitive };
  return { rel: where(source.rel, predicate(condition, c)), cols: source.cols };
}

/** A piped input keeps its columns after `$table`: Log Analytics tables name themselves in `Type`. */
function piped(input: TRel): TRel {
  const hasType = input.cols.some((c) => c[0] === 'Type' && c[1] === 'string');
  const label: Expr = hasType ? field('Type') : lit('search_input');
  return { rel: extendRel(input.rel, [named(TABLE, label)]), cols: [[TABLE, 'string'], ...input.cols.filter((c) => c[0] !== TABLE)] };
}

/**
 * `in (A, B*)`, or every table of the workspace the caller may read; a wildcard matches table
 * names. Names that are not tables (tabular lets) resolve as in `union`.
 */
function tables(list: readonly PNode[] | null, o: OpEnv, op: PNode): TRel {
  const readable = (name: string) => {
    const t = findLaTable(name);
    return !t || (o.ctx.opts.canRead?.(t.kind) ?? true);
  };
  const inputs: TRel[] = [];
  const labels: string[] = [];
  const add = (name: string, node: PNode) => {
    inputs.push(o.tabular(node, o.scope));
    labels.push(name);
  };
  if (!list) for (const name of LA_TABLE_NAMES.filter(readable)) add(name, nameNode(name, op));
  for (const node of list ?? []) {
    const text = o.ctx.source(node).trim();
    if (!text.includes('*')) {
      add(node.kind === 'NameReference' ? nameOfRef(node) : text.split(/\s/)[0]!, node);
      continue;
    }
    const re = new RegExp(`^${text.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
    const hits = LA_TABLE_NAMES.filter((t) => re.test(t) && readable(t));
    if (hits.length === 0) return o.ctx.fail('IDT_KQL_SEMANTIC', `no table matches '${text}'`, node);
    for (const name of hits) add(name, nameNode(name, node));
  }
  return unionOf(inputs, labels, TABLE);
}

/** A NameReference-shaped node for a table name that does not appear as such in the text. */
function nameNode(name: string, at: PNode): PNode {
  const token: PNode = { kind: 'IdentifierToken', start: at.start, end: at.end, text: name, c: {}, items: [] };
  return { kind: 'NameReference', start: at.start, end: at.end, c: { Name: { kind: 'TokenName', start: at.start, end: at.end, c: { Name: token }, items: [] } }, items: [] };
}

function predicate(n: PNode, c: Ctx): Expr {
  switch (n.kind) {
    case 'StringLiteralExpression':
    case 'CompoundStringLiteralExpression':
      return anyColumn(c, (col) => termMatch(col, literal(n), c.caseSensitive));
    case 'StarExpression':
      return lit(true);
    case 'AndExpression':
      return and(predicate(n.c['Left']!, c), predicate(n.c['Right']!, c));
    case 'OrExpression':
      return or(predicate(n.c['Left']!, c), predicate(n.c['Right']!, c));
    case 'ParenthesizedExpression':
      return predicate(n.c['Expression']!, c);
    case 'SearchExpression': {
      // Col:"term" — the term rules, in one column.
      const col = nameOfRef(n.c['Left']!);
      const found = c.cols.find((x) => x[0] === col);
      if (!found) return c.o.ctx.fail('IDT_KQL_SEMANTIC', `search: no column '${col}'`, n.c['Left']!);
      const right = n.c['Right']!;
      if (right.kind !== 'StringLiteralExpression') return c.o.ctx.unsupported('search Col:<something other than a quoted term>', right);
      return termMatch(asString({ e: field(col), t: found[1] }), literal(right), c.caseSensitive);
    }
    case 'FunctionCallExpression': {
      const args = n.c['ArgumentList']?.c['Expressions']?.items ?? [];
      if (nameOfRef(n.c['Name']!) === 'not' && args.length === 1) return not(predicate(args[0]!, c));
      break;
    }
  }
  const star = STAR_OPS[n.kind];
  if (star && n.c['Left']?.kind === 'StarExpression') {
    const term = literal(n.c['Right']!);
    return anyColumn(c, (col) => call(star[c.caseSensitive ? 1 : 0], col, lit(term)));
  }
  if (c.caseSensitive) refuseCaseInsensitive(n, c);
  const x = lowerExpr(n, exprEnv(c.o, c.cols));
  if (x.t !== 'bool') return c.o.ctx.fail('IDT_KQL_SEMANTIC', `search needs a quoted term or a condition, not a ${x.t} value`, n);
  return asBool(x);
}

function literal(n: PNode): string {
  if (n.kind === 'StringLiteralExpression') return parseStringToken(n.c['Token']!.text!);
  if (n.kind === 'CompoundStringLiteralExpression') return (n.c['Tokens']?.items ?? []).map((t) => parseStringToken(t.text!)).join('');
  throw new TypeError('search: a quoted term is needed here');
}

/** The term test applied to each string or dynamic column (dynamic ones by their JSON text), OR-ed. */
function anyColumn(c: Ctx, test: (col: Expr) => Expr): Expr {
  const searchable = c.cols.filter((x) => x[1] === 'string' || x[1] === 'dynamic');
  if (searchable.length === 0) return lit(false);
  return or(...searchable.map(([name, t]) => test(t === 'string' ? field(name) : asString({ e: field(name), t }))));
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A search term: without `*` a whole-term match (`has`); a leading or trailing `*` lets the term run
 * on into its neighbours (hassuffix, hasprefix, contains), an inner one matches any text.
 */
export function termMatch(col: Expr, term: string, caseSensitive: boolean): Expr {
  if (!term.includes('*')) return call(caseSensitive ? 'has_cs' : 'has', col, lit(term));
  const pieces = term.split('*');
  if (pieces.every((p) => p === '')) return lit(true);
  const start = pieces[0] === '' ? '' : '(^|[^[:alnum:]])';
  const end = pieces[pieces.length - 1] === '' ? '' : '($|[^[:alnum:]])';
  const body = pieces.filter((p, i) => p !== '' || (i > 0 && i < pieces.length - 1)).map(escapeRegex).join('.*');
  return call('matches_regex', col, lit(`${caseSensitive ? '' : '(?i)'}${start}${body}${end}`));
}

function refuseCaseInsensitive(n: PNode, c: Ctx): void {
  const walk = (x: PNode | null | undefined): void => {
    if (!x) return;
    const ci = CASE_INSENSITIVE.has(x.kind) || ((x.kind === 'InExpression' || x.kind === 'InCsExpression' || x.kind === 'NotInExpression' || x.kind === 'NotInCsExpression') && /~/.test(x.c['Operator']?.text ?? ''));
    if (ci) c.o.ctx.unsupported(`search kind=case_sensitive with the case-insensitive '${c.o.ctx.source(x).trim().slice(0, 40)}' (use the _cs operator)`, x);
    for (const child of Object.values(x.c)) walk(child);
    for (const item of x.items) walk(item);
  };
  walk(n);
}
