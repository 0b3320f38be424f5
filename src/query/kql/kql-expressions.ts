// KQL scalar expressions → typed IR expressions. Operators and literals live here; named
// functions (and aggregates) are in kql-functions.ts.
import type { CompareOp, Expr, IrType } from '../ir/index.ts';
import { and, arith, call, field, jsonPath, lit, named, not, or, inList, caseWhen, project } from '../ir/index.ts';
import { colType, type Columns, type Ctx, type Scope, type TRel, type Typed } from './kql-context.ts';
import { asString, compare, convert, isNumeric } from './kql-coerce.ts';
import { dynamicValue, parseDatetimeToken, parseStringToken, parseTimespan } from './kql-literals.ts';
import type { PNode } from './kql-parser.ts';
import { lowerCall } from './kql-functions.ts';
import { structAccess } from './kql-struct-access.ts';
import type { Serialized } from './kql-serialized.ts';

export interface Env {
  readonly ctx: Ctx;
  readonly scope: Scope;
  readonly cols: Columns;
  /** Inside a join's `on` clause: the two sides' columns. */
  readonly join?: { readonly left: Columns; readonly right: Columns };
  /** Aggregate functions are allowed (summarize, make-series). */
  readonly aggregates?: boolean;
  /** Lower a tabular expression (breaks the import cycle with the operator lowering). */
  readonly tabular: (n: PNode, scope: Scope) => TRel;
  /** mv-apply / lambda variables visible as names. */
  readonly vars?: ReadonlyMap<string, Typed>;
  /** Serialized input: prev()/next()/row_number() become window columns here (kql-serialized.ts). */
  readonly window?: Serialized;
}

const COMPARE: Record<string, CompareOp> = {
  EqualExpression: 'eq', NotEqualExpression: 'ne', LessThanExpression: 'lt', LessThanOrEqualExpression: 'le',
  GreaterThanExpression: 'gt', GreaterThanOrEqualExpression: 'ge',
};

/** Binary string predicates: [IR function, negated]. */
const STRING_OPS: Record<string, [string, boolean]> = {
  HasExpression: ['has', false], NotHasExpression: ['has', true], HasCsExpression: ['has_cs', false], NotHasCsExpression: ['has_cs', true],
  ContainsExpression: ['contains', false], NotContainsExpression: ['contains', true],
  ContainsCsExpression: ['contains_cs', false], NotContainsCsExpression: ['contains_cs', true],
  StartsWithExpression: ['startswith', false], NotStartsWithExpression: ['startswith', true],
  StartsWithCsExpression: ['startswith_cs', false], NotStartsWithCsExpression: ['startswith_cs', true],
  EndsWithExpression: ['endswith', false], NotEndsWithExpression: ['endswith', true],
  EndsWithCsExpression: ['endswith_cs', false], NotEndsWithCsExpression: ['endswith_cs', true],
  HasPrefixExpression: ['startswith', false], HasSuffixExpression: ['endswith', false],
  MatchesRegexExpression: ['matches_regex', false],
};

const ARITH: Record<string, 'add' | 'sub' | 'mul' | 'div' | 'mod'> = {
  AddExpression: 'add', SubtractExpression: 'sub', MultiplyExpression: 'mul', DivideExpression: 'div', ModuloExpression: 'mod',
};

export function lowerExpr(n: PNode, env: Env): Typed {
  const { ctx } = env;
  const k = n.kind;
  if (COMPARE[k]) return { e: compare(COMPARE[k]!, lowerExpr(n.c['Left']!, env), lowerExpr(n.c['Right']!, env)), t: 'bool' };
  if (k === 'EqualTildeExpression' || k === 'BangTildeExpression') {
    const e = compare('eq', lowerExpr(n.c['Left']!, env), lowerExpr(n.c['Right']!, env), true);
    return { e: k === 'BangTildeExpression' ? not(e) : e, t: 'bool' };
  }
  if (STRING_OPS[k]) {
    const [fn, neg] = STRING_OPS[k]!;
    const e = call(fn, asString(lowerExpr(n.c['Left']!, env)), asString(lowerExpr(n.c['Right']!, env)));
    return { e: neg ? not(e) : e, t: 'bool' };
  }
  if (ARITH[k]) return arithmetic(ARITH[k]!, lowerExpr(n.c['Left']!, env), lowerExpr(n.c['Right']!, env));
  switch (k) {
    case 'AndExpression':
      return { e: and(asBool(lowerExpr(n.c['Left']!, env)), asBool(lowerExpr(n.c['Right']!, env))), t: 'bool' };
    case 'OrExpression':
      return { e: or(asBool(lowerExpr(n.c['Left']!, env)), asBool(lowerExpr(n.c['Right']!, env))), t: 'bool' };
    case 'ParenthesizedExpression':
      return lowerExpr(n.c['Expression']!, env);
    case 'UnaryMinusExpression': {
      const x = lowerExpr(n.c['Expression']!, env);
      if (x.e.kind === 'literal' && typeof x.e.value === 'number') return { e: lit(-x.e.value, x.t), t: x.t };
      return { e: { kind: 'negate', arg: x.e }, t: x.t };
    }
    case 'UnaryPlusExpression':
      return lowerExpr(n.c['Expression']!, env);
    case 'StringLiteralExpression':
      return { e: lit(parseStringToken(n.c['Token']!.text!)), t: 'string' };
    case 'CompoundStringLiteralExpression':
      return { e: lit((n.c['Tokens']?.items ?? []).map((t) => parseStringToken(t.text!)).join('')), t: 'string' };
    case 'LongLiteralExpression':
    case 'IntLiteralExpression':
    case 'RealLiteralExpression': {
      const text = n.c['Token']!.text!;
      const t: IrType = k === 'RealLiteralExpression' ? 'double' : 'long';
      const inner = /^\w+\((.*)\)$/.exec(text)?.[1] ?? text;
      if (inner.trim() === 'null') return { e: lit(null, t), t };
      const v = Number(inner);
      if (!Number.isFinite(v)) return ctx.fail('IDT_KQL_SYNTAX', `'${text}' is not a number`, n);
      return { e: lit(v, t), t };
    }
    case 'BooleanLiteralExpression':
      return { e: lit(/true/i.test(n.c['Token']!.text!), 'bool'), t: 'bool' };
    case 'NullLiteralExpression':
      return { e: lit(null), t: 'null' };
    case 'TimespanLiteralExpression': {
      const v = parseTimespan(n.c['Token']!.text!);
      if (v === undefined) return ctx.fail('IDT_KQL_SYNTAX', `'${n.c['Token']!.text}' is not a timespan`, n);
      return { e: lit(v, 'timespan'), t: 'timespan' };
    }
    case 'DateTimeLiteralExpression': {
      const v = parseDatetimeToken(n.c['Token']!.text!);
      if (v === undefined) return ctx.fail('IDT_KQL_SYNTAX', `'${n.c['Token']!.text}' is not a datetime`, n);
      return { e: lit(v, 'datetime'), t: 'datetime' };
    }
    case 'DynamicExpression': {
      const v = dynamicValue(ctx, n.c['Expression']!);
      return { e: lit(JSON.stringify(v), 'dynamic'), t: 'dynamic' };
    }
    case 'NameReference':
      return nameReference(n, env);
    case 'BracketedExpression':
      return lowerExpr(n.c['Expression']!, env);
    case 'PathExpression':
    case 'ElementExpression':
      return access(n, env);
    case 'FunctionCallExpression':
      return lowerCall(n, env);
    case 'InExpression':
    case 'InCsExpression':
    case 'NotInExpression':
    case 'NotInCsExpression':
      return inExpression(n, env);
    case 'HasAnyExpression':
    case 'HasAllExpression': {
      const left = asString(lowerExpr(n.c['Left']!, env));
      const items = listItems(n.c['Right']!, env).map((i) => call('has', left, asString(i)));
      if (items.length === 0) return { e: lit(k === 'HasAllExpression'), t: 'bool' };
      return { e: k === 'HasAnyExpression' ? or(...items) : and(...items), t: 'bool' };
    }
    case 'BetweenExpression':
    case 'NotBetweenExpression': {
      const x = lowerExpr(n.c['Left']!, env);
      const couple = n.c['Right']!;
      const lo = lowerExpr(couple.c['First']!, env);
      const hi = lowerExpr(couple.c['Second']!, env);
      const e = and(compare('ge', x, lo), compare('le', x, hi));
      return { e: k === 'NotBetweenExpression' ? not(e) : e, t: 'bool' };
    }
    case 'ToScalarExpression':
      return toScalar(n, env);
    default:
      return ctx.fail('IDT_KQL_UNSUPPORTED', `the expression '${ctx.source(n).slice(0, 60)}' (${k}) is not supported`, n);
  }
}

/** toscalar(T): the first column of T's first row, computed once as a scalar subquery. */
function toScalar(n: PNode, env: Env): Typed {
  const body = n.c['Expression']!;
  const rel = env.tabular(body.kind === 'ParenthesizedExpression' ? body.c['Expression']! : body, env.scope);
  const first = rel.cols.find((c) => !c[0].startsWith('__'));
  if (!first) return env.ctx.fail('IDT_KQL_SEMANTIC', 'toscalar() over a table without columns', n);
  return { e: { kind: 'scalarSubquery', relation: project(rel.rel, [named(first[0], field(first[0]))]) }, t: first[1] };
}

export function asBool(x: Typed): Expr {
  return x.t === 'bool' ? x.e : convert(x, 'bool');
}

function nameReference(n: PNode, env: Env): Typed {
  const name = nameOfRef(n);
  const v = env.vars?.get(name);
  if (v) return v;
  const c = env.cols.find((x) => x[0] === name);
  if (c !== undefined) return c[2] ? { e: { kind: 'field', path: [name] }, t: c[1], struct: c[2] } : { e: { kind: 'field', path: [name] }, t: c[1] };
  const b = env.scope.get(name);
  if (b?.kind === 'scalar') return b.value;
  if (b) return env.ctx.fail('IDT_KQL_SEMANTIC', `'${name}' is a tabular expression, not a scalar value`, n);
  return env.ctx.fail('IDT_KQL_SEMANTIC', `the name '${name}' does not refer to any known column, table, variable or function`, n);
}

export function nameOfRef(n: PNode): string {
  const tn = n.c['Name'];
  if (!tn) return n.text ?? '';
  if (tn.kind === 'BracketedName') {
    const inner = tn.c['Name'];
    return inner?.kind === 'StringLiteralExpression' ? parseStringToken(inner.c['Token']!.text!) : parseStringToken(inner?.text ?? '""');
  }
  return tn.c['Name']?.text ?? tn.text ?? '';
}

/** `a.b`, `a["b"]`, `a[0]`, `a.[0]`, `$left.X`. */
function access(n: PNode, env: Env): Typed {
  const base = n.c['Expression']!;
  const sel = n.c['Selector']!;
  if (n.kind === 'PathExpression' && base.kind === 'NameReference' && env.join) {
    const side = nameOfRef(base);
    if (side === '$left' || side === '$right') {
      const col = nameOfRef(sel);
      const t = colType(side === '$left' ? env.join.left : env.join.right, col);
      if (t === undefined) return env.ctx.fail('IDT_KQL_SEMANTIC', `the ${side} side has no column '${col}'`, sel);
      return { e: { kind: 'var', name: side, path: [col] }, t };
    }
  }
  const x = lowerExpr(base, env);
  let key: string | number;
  if (sel.kind === 'NameReference') key = nameOfRef(sel);
  else {
    const inner = sel.kind === 'BracketedExpression' ? sel.c['Expression']! : sel;
    const kv = lowerExpr(inner, env);
    if (kv.e.kind !== 'literal' || (typeof kv.e.value !== 'string' && typeof kv.e.value !== 'number')) {
      return env.ctx.unsupported('an index that is not a constant', sel);
    }
    key = kv.e.value;
  }
  if (typeof key === 'number' && key < 0) return env.ctx.unsupported('a negative array index', sel);
  // Kusto needs dynamic here; JSON-text columns are accepted as if todynamic() had been applied.
  const dynBase = x.t === 'dynamic' ? x.e : convert(x, 'dynamic');
  const viaJson = dynBase.kind === 'jsonPath' ? jsonPath(dynBase.arg, ...dynBase.path, key) : jsonPath(dynBase, key);
  return structAccess(x, key, env.cols, viaJson) ?? { e: viaJson, t: 'dynamic' };
}

/** Items of `(a, b, …)`: dynamic-array literals and let-bound arrays are spread. */
export function listItems(list: PNode, env: Env): Typed[] {
  const out: Typed[] = [];
  for (const item of list.c['Expressions']?.items ?? []) {
    const x = lowerExpr(item, env);
    if (x.t === 'dynamic' && x.e.kind === 'literal' && typeof x.e.value === 'string') {
      const arr = JSON.parse(x.e.value) as unknown;
      if (Array.isArray(arr)) {
        for (const a of arr) out.push(a === null ? { e: lit(null), t: 'null' } : { e: lit(a as string | number | boolean), t: typeof a === 'string' ? 'string' : typeof a === 'boolean' ? 'bool' : 'long' });
        continue;
      }
    }
    out.push(x);
  }
  return out;
}

function inExpression(n: PNode, env: Env): Typed {
  const negated = n.kind.startsWith('Not');
  // The parser's names are misleading: `in~` parses as InCsExpression, `in` as InExpression, so
  // case-insensitivity is read from the operator token itself.
  const ci = /~/.test(n.c['Operator']?.text ?? '');
  const left = lowerExpr(n.c['Left']!, env);
  const right = n.c['Right']!;
  const exprs = right.c['Expressions']?.items ?? [];
  // `x in (T)` / `x in ((T | project y))`: a tabular operand is a subquery.
  if (exprs.length === 1) {
    const only = unparen(exprs[0]!);
    if (isTabular(only, env)) {
      const rel = env.tabular(only, env.scope);
      const first = rel.cols[0];
      const t = first?.[1] ?? 'string';
      if (ci && first) {
        // `in~ (T)`: both sides lower-cased text.
        const lowered = project(rel.rel, [named(first[0], call('lower', asString({ e: field(first[0]), t })))]);
        return { e: { kind: 'inRelation', arg: call('lower', asString(left)), relation: lowered, negated }, t: 'bool' };
      }
      const arg = t === 'string' || left.t === 'dynamic' ? asString(left) : left.e;
      return { e: { kind: 'inRelation', arg, relation: rel.rel, negated }, t: 'bool' };
    }
  }
  const items = listItems(right, env);
  if (items.length === 1 && items[0]!.t === 'dynamic') {
    const e = call('set_has_element', items[0]!.e, asString(left));
    return { e: negated ? not(e) : e, t: 'bool' };
  }
  const allStrings = left.t === 'string' || left.t === 'dynamic' || ci || items.some((i) => i.t === 'string');
  const arg = allStrings ? asString(left) : left.e;
  const list = items.map((i) => (allStrings ? asString(i) : i.e));
  return { e: inList(arg, list, negated, ci), t: 'bool' };
}

function unparen(n: PNode): PNode {
  return n.kind === 'ParenthesizedExpression' ? unparen(n.c['Expression']!) : n;
}

/** True when a node names or builds a table rather than a scalar. */
export function isTabular(n: PNode, env: Env): boolean {
  // `let t = (T | where …);` — Sentinel rules often wrap a tabular let in parentheses.
  if (n.kind === 'ParenthesizedExpression') return isTabular(n.c['Expression']!, env);
  if (['PipeExpression', 'MaterializeExpression', 'UnionOperator', 'DataTableExpression', 'PrintOperator', 'RangeOperator', 'SearchOperator'].includes(n.kind)) return true;
  if (n.kind === 'NameReference') {
    const name = nameOfRef(n);
    if (env.vars?.has(name) || colType(env.cols, name) !== undefined) return false;
    const b = env.scope.get(name);
    return b !== undefined && b.kind !== 'scalar' && b.kind !== 'function';
  }
  if (n.kind === 'FunctionCallExpression') {
    const name = nameOfRef(n.c['Name']!);
    if (name === 'materialize' || name === 'table') return true;
    const b = env.scope.get(name);
    return b?.kind === 'function';
  }
  return false;
}

/** Kusto arithmetic with datetime/timespan rules; literal datetimes fold so filters stay prunable. */
export function arithmetic(op: 'add' | 'sub' | 'mul' | 'div' | 'mod', a: Typed, b: Typed): Typed {
  const lit2 = a.e.kind === 'literal' && b.e.kind === 'literal' && a.e.value !== null && b.e.value !== null;
  if (a.t === 'datetime' && b.t === 'timespan' && (op === 'add' || op === 'sub')) {
    if (lit2) {
      const ms = Date.parse(String((a.e as { value: string }).value)) + (op === 'add' ? 1 : -1) * Number((b.e as { value: number }).value) / 1e6;
      // Past the datetime range (years 1–9999) the sum is null, as Kusto's overflow is.
      const d = new Date(ms);
      const ok = Number.isFinite(ms) && d.getUTCFullYear() >= 1 && d.getUTCFullYear() <= 9999;
      return { e: ok ? lit(d.toISOString(), 'datetime') : lit(null, 'datetime'), t: 'datetime' };
    }
    return { e: call('datetime_add', a.e, op === 'add' ? b.e : { kind: 'negate', arg: b.e }), t: 'datetime' };
  }
  if (a.t === 'timespan' && b.t === 'datetime' && op === 'add') return arithmetic('add', b, a);
  if (a.t === 'datetime' && b.t === 'datetime' && op === 'sub') {
    return { e: call('datetime_sub', a.e, b.e), t: 'timespan' };
  }
  if (a.t === 'timespan' && b.t === 'timespan') {
    if (op === 'div') return { e: arith('div', convert(a, 'double'), convert(b, 'double')), t: 'double' };
    return { e: arith(op, a.e, b.e), t: 'timespan' };
  }
  if (a.t === 'timespan' && isNumeric(b.t)) {
    return { e: call('floor', arith(op, convert(a, 'double'), b.e)), t: 'timespan' };
  }
  if (isNumeric(a.t) && b.t === 'timespan' && op === 'mul') return arithmetic('mul', b, a);
  const na = isNumeric(a.t) ? a : { e: convert(a, 'double'), t: 'double' as IrType };
  const nb = isNumeric(b.t) ? b : { e: convert(b, 'double'), t: 'double' as IrType };
  const t: IrType = na.t === 'double' || nb.t === 'double' ? 'double' : 'long';
  if (op === 'div' && t === 'long') {
    // Kusto divides longs as integers (truncating toward zero).
    const q = arith('div', na.e, nb.e);
    return { e: caseWhen([{ when: { kind: 'compare', op: 'ge', left: q, right: lit(0) }, then: call('floor', q) }], { kind: 'negate', arg: call('floor', { kind: 'negate', arg: q }) }), t: 'long' };
  }
  return { e: arith(op, na.e, nb.e), t };
}

export type { Expr };
