// KQL operators that combine or reshape tables: join, lookup, union, mv-expand and mv-apply, and
// the dispatch to make-series, parse and top-nested (their own modules). Join output follows Kusto: right-side columns whose names collide get a `1` suffix,
// and the default kind (innerunique) keeps one left row per key.
import type { Expr, IrType, JoinType, Relation } from '../ir/index.ts';
import {
  and, call, cmp, drop, eq, extendRel, field, join, limit, lit, named, project, sort, union, unnest, where,
} from '../ir/index.ts';
import type { Columns, TRel } from './kql-context.ts';
import { nameOf } from './kql-context.ts';
import { convert } from './kql-coerce.ts';
import { lowerExpr, nameOfRef } from './kql-expressions.ts';
import { kustoTypeName } from './kql-functions.ts';
import { exprEnv, lowerOperator, passThrough, type OpEnv } from './kql-operators.ts';
import type { PNode } from './kql-parser.ts';
import { lowerParse } from './kql-parse-operator.ts';
import { makeSeries } from './kql-make-series.ts';
import { isHidden } from './kql-struct-access.ts';
import { lowerTopNested } from './kql-top-nested.ts';
import { KqlError } from './kql-errors.ts';
import { lowerEvaluate } from './kql-bag-unpack.ts';
import { lowerSearch } from './kql-search.ts';

const f = (n: string): Expr => field(n);

export function lowerMultiOperator(op: PNode, input: TRel, o: OpEnv): TRel {
  switch (op.kind) {
    case 'JoinOperator':
      return lowerJoin(op, input, o, (paramText(op, 'kind', o) ?? 'innerunique').toLowerCase());
    case 'LookupOperator':
      return lowerJoin(op, input, o, paramText(op, 'kind', o)?.toLowerCase() === 'inner' ? 'inner' : 'leftouter');
    case 'UnionOperator':
      return lowerUnion(op, [input], o);
    case 'MvExpandOperator':
      return mvExpand(op.c['Expressions']?.items ?? [], input, o).rel;
    case 'MvApplyOperator':
      return mvApply(op, input, o);
    case 'MakeSeriesOperator':
      return makeSeries(op, input, o);
    case 'ParseOperator':
      return lowerParse(op, input, o, false);
    case 'ParseWhereOperator':
      return lowerParse(op, input, o, true);
    case 'TopNestedOperator':
      return lowerTopNested(op, input, o);
    case 'EvaluateOperator':
      return lowerEvaluate(op, input, o);
    case 'SampleOperator':
      return sample(op, input, o);
    case 'SearchOperator':
      return lowerSearch(op, input, o);
    default:
      return o.ctx.unsupported(`the '${o.ctx.source(op).split(/[\s(]/)[0]}' operator`, op);
  }
}

/** `sample N`: N rows drawn at random (a fresh draw per run, as in Kusto), in no particular order. */
function sample(op: PNode, input: TRel, o: OpEnv): TRel {
  if (o.partition) return o.ctx.unsupported('sample inside mv-apply', op);
  if ((op.c['Parameters']?.items ?? []).length) return o.ctx.unsupported('sample parameters (hint.*)', op.c['Parameters']!);
  const n = lowerExpr(op.c['Expression']!, exprEnv(o, input.cols));
  if (n.e.kind !== 'literal' || typeof n.e.value !== 'number') return o.ctx.unsupported('a sample size that is not a constant', op.c['Expression']!);
  const count = Math.max(0, Math.floor(n.e.value));
  return { rel: limit(sort(input.rel, [{ expr: call('random'), direction: 'asc' }]), count), cols: input.cols };
}

function paramText(op: PNode, name: string, o: OpEnv): string | null {
  for (const p of op.c['Parameters']?.items ?? []) {
    if (nameOf(p.c['Name']).toLowerCase() === name) return o.ctx.source(p.c['Expression']!).trim();
  }
  return null;
}

const JOIN_KINDS: Record<string, { type: JoinType; unique?: boolean; swap?: boolean }> = {
  innerunique: { type: 'inner', unique: true }, inner: { type: 'inner' }, leftouter: { type: 'left' }, rightouter: { type: 'right' },
  fullouter: { type: 'full' }, outer: { type: 'full' }, leftsemi: { type: 'semi' }, semi: { type: 'semi' }, leftanti: { type: 'anti' }, anti: { type: 'anti' },
  leftantisemi: { type: 'anti' }, rightsemi: { type: 'semi', swap: true }, rightanti: { type: 'anti', swap: true }, rightantisemi: { type: 'anti', swap: true },
};

function lowerJoin(op: PNode, input: TRel, o: OpEnv, kindText: string): TRel {
  const spec = JOIN_KINDS[kindText];
  if (!spec) return o.ctx.unsupported(`join kind=${kindText}`, op);
  const rightNode = op.c['Expression']!;
  let left = input;
  let right = o.tabular(rightNode.kind === 'ParenthesizedExpression' ? rightNode.c['Expression']! : rightNode, o.scope);
  const isLookup = op.kind === 'LookupOperator';
  const cond = op.c[isLookup ? 'LookupClause' : 'ConditionClause'];
  if (!cond || cond.kind !== 'JoinOnClause') return o.ctx.unsupported(`${isLookup ? 'lookup' : 'join'} without an \`on\` clause`, op);
  const pairs: Array<[string, string, PNode]> = [];
  for (const e of cond.c['Expressions']?.items ?? []) {
    if (e.kind === 'NameReference') pairs.push([nameOfRef(e), nameOfRef(e), e]);
    else if (e.kind === 'EqualExpression') {
      const side = (x: PNode) => (x.kind === 'PathExpression' ? [nameOfRef(x.c['Expression']!), nameOfRef(x.c['Selector']!)] : ['', nameOfRef(x)]);
      const [ls, lc] = side(e.c['Left']!);
      const [rs, rc] = side(e.c['Right']!);
      if (ls === '$right' && rs === '$left') pairs.push([rc!, lc!, e]);
      else pairs.push([lc!, rc!, e]);
    } else return o.ctx.unsupported('a join condition other than `A`, `$left.A == $right.B`', e);
  }
  for (const [l, r, node] of pairs) {
    if (!left.cols.some((c) => c[0] === l)) o.ctx.fail('IDT_KQL_SEMANTIC', `the left side of the join has no column '${l}'`, node);
    if (!right.cols.some((c) => c[0] === r)) o.ctx.fail('IDT_KQL_SEMANTIC', `the right side of the join has no column '${r}'`, node);
  }
  if (spec.unique) left = dedupeBy(left, pairs.map((p) => p[0]), o);
  let lp = pairs;
  if (spec.swap) {
    [left, right] = [right, left];
    lp = pairs.map(([l, r, n]) => [r, l, n]);
  }
  const typeOf = (cols: Columns, n: string) => cols.find((c) => c[0] === n)![1];
  const on = and(...lp.map(([l, r]) => {
    const lt = typeOf(left.cols, l);
    const rt = typeOf(right.cols, r);
    const le: Expr = { kind: 'var', name: '$left', path: [l] };
    const re: Expr = { kind: 'var', name: '$right', path: [r] };
    return lt === rt ? eq(le, re) : eq(convert({ e: le, t: lt }, 'string'), convert({ e: re, t: rt }, 'string'));
  }));
  let rel = join(spec.type, left.rel, right.rel, on);
  if (spec.type === 'semi' || spec.type === 'anti') return { rel, cols: left.cols };
  const cols: Array<Columns[number]> = [...left.cols];
  const rightKeys: string[] = [];
  for (const [c, t] of right.cols) {
    let name = c;
    for (let i = 1; cols.some((x) => x[0] === name); i++) name = `${c}${i}`;
    cols.push([name, t]);
    if (pairs.some(([, r]) => r === c)) rightKeys.push(name);
  }
  rel = emptyStringsForMissing(rel, cols, spec.type, left.cols.length);
  // lookup does not repeat the right table's key columns.
  if (isLookup) return { rel: drop(rel, rightKeys), cols: cols.filter((c) => !rightKeys.includes(c[0])) };
  return { rel, cols };
}

/**
 * An outer join's row without a partner has no values on the partner's side. Kusto strings cannot
 * be null, so its string columns there are "" (the workbooks' `iff(Name == '', Name1, Name)`
 * after a fullouter join relies on it); other types stay null.
 */
function emptyStringsForMissing(rel: Relation, cols: Columns, type: JoinType, leftCount: number): Relation {
  if (type !== 'left' && type !== 'right' && type !== 'full') return rel;
  const missing = (i: number) => (i < leftCount ? type !== 'left' : type !== 'right');
  if (!cols.some((c, i) => missing(i) && c[1] === 'string' && !isHidden(c[0]))) return rel;
  return project(rel, cols.map((c, i) => named(c[0], missing(i) && c[1] === 'string' && !isHidden(c[0]) ? call('coalesce', f(c[0]), lit('')) : f(c[0]))));
}

/** innerunique: one (arbitrary, here the first) left row per join key. */
function dedupeBy(t: TRel, keys: string[], o: OpEnv): TRel {
  const rn = o.ctx.fresh('rn');
  const rel = { kind: 'window' as const, input: t.rel, columns: [{ name: rn, fn: 'row_number' as const, args: [], partitionBy: keys.map(f), orderBy: [] }] };
  return { rel: drop(where(rel, eq(f(rn), lit(1))), [rn]), cols: t.cols };
}

/** `union [kind=outer] [isfuzzy=true] [withsource=Col] A, (B | …)`; also `T | union B`. */
export function lowerUnion(op: PNode, leading: TRel[], o: OpEnv): TRel {
  const fuzzy = paramText(op, 'isfuzzy', o)?.toLowerCase() === 'true';
  const source = paramText(op, 'withsource', o) ?? paramText(op, 'source', o);
  const inputs: TRel[] = [...leading];
  const labels: string[] = leading.map(() => 'input');
  const unresolved: KqlError[] = [];
  for (const e of op.c['Expressions']?.items ?? []) {
    const node = e.kind === 'ParenthesizedExpression' ? e.c['Expression']! : e;
    try {
      inputs.push(o.tabular(node, o.scope));
      labels.push(o.ctx.source(node).trim().split(/\s/)[0] ?? 'input');
    } catch (err) {
      // isfuzzy=true drops a leg that does not resolve (a table or column this workspace lacks), as
      // Kusto does. A leg using something we cannot translate is not unresolved: dropping it would
      // answer with part of the data, so that error stands; so does a probe request for the runner.
      if (!fuzzy || !(err instanceof KqlError) || err.code !== 'IDT_KQL_SEMANTIC') throw err;
      unresolved.push(err);
    }
  }
  const first = unresolved[0];
  if (inputs.length === 0 && first) {
    throw new KqlError(first.code, `union isfuzzy=true: none of its inputs resolves; the first fails with: ${first.message.replace(/ \(line \d+, column \d+\)$/, '')}`, first.position);
  }
  if (inputs.length === 0) return o.ctx.fail('IDT_KQL_SEMANTIC', 'union has no resolvable input', op);
  return unionOf(inputs, labels, source);
}

/** Inputs stacked, columns matched by name; `source` names a column holding each row's label. */
export function unionOf(inputs: readonly TRel[], labels: readonly string[], source: string | null): TRel {
  // Same-named columns of different types become Col_<type> in each input (Kusto's rule).
  const types = new Map<string, Set<IrType>>();
  for (const i of inputs) for (const [n, t] of i.cols) if (t !== 'null') (types.get(n) ?? types.set(n, new Set()).get(n)!).add(t);
  const outName = (n: string, t: IrType) => ((types.get(n)?.size ?? 0) > 1 ? `${n}_${kustoTypeName(t)}` : n);
  // Hidden struct leaves stay behind: union output columns are matched by name across inputs.
  const visible = (i: TRel) => i.cols.filter((c) => !isHidden(c[0]));
  const renamed = inputs.map((i) => ({ rel: project(i.rel, visible(i).map(([n, t]) => named(outName(n, t), f(n)))), cols: visible(i).map(([n, t]) => [outName(n, t), t] as const) }));
  const cols: Array<readonly [string, IrType]> = [];
  if (source) cols.push([source, 'string']);
  for (const r of renamed) for (const c of r.cols) if (!cols.some((x) => x[0] === c[0])) cols.push(c);
  return { rel: union(renamed.map((r) => r.rel), source ?? undefined, source ? [...labels] : undefined), cols };
}

interface Expansion {
  rel: TRel;
  names: string[];
}

/** mv-expand: one column expands element by element; several expand in parallel (zipped). */
function mvExpand(list: readonly PNode[], input: TRel, o: OpEnv): Expansion {
  const env = exprEnv(o, input.cols);
  const specs = list.map((it) => {
    const inner = it.kind === 'MvExpandExpression' || it.kind === 'MvApplyExpression' ? it.c['Expression']! : it;
    const named_ = inner.kind === 'SimpleNamedExpression';
    const src = named_ ? inner.c['Expression']! : inner;
    const name = named_ ? nameOf(inner.c['Name']) : nameOfRef(src) || o.ctx.fresh('col');
    const typeNode = it.c['ToTypeOf']?.c['Type'] ?? it.c['ToTypeOf']?.c['TypeOf'];
    const toType = typeNode ? typeFromText(o.ctx.source(typeNode)) : 'dynamic';
    return { name, x: lowerExpr(src, env), toType };
  });
  if (specs.length === 1) {
    const s = specs[0]!;
    let rel = unnest(input.rel, call('dynamic_to_list', convert(s.x, 'dynamic')), s.name);
    if (s.toType !== 'dynamic') rel = extendRel(rel, [named(s.name, convert({ e: f(s.name), t: 'dynamic' }, s.toType))]);
    const cols = upsertCols(input.cols, [[s.name, s.toType]]);
    return { rel: { rel, cols }, names: [s.name] };
  }
  // Parallel expansion: expand an index over the longest array, then pick each element by index.
  const idx = o.ctx.fresh('idx');
  // A null array counts as empty, so it cannot hide the others' elements.
  const lens = specs.map((s) => call('coalesce', call('array_length', convert(s.x, 'dynamic')), lit(0)));
  const maxLen = lens.reduce((a, b) => ({ kind: 'case', whens: [{ when: cmp('ge', a, b), then: a }], otherwise: b }));
  const arrays = specs.map((s) => named(o.ctx.fresh('arr'), convert(s.x, 'dynamic')));
  let rel = extendRel(input.rel, arrays);
  rel = unnest(rel, call('dynamic_to_list', call('range_array', maxLen)), idx);
  rel = extendRel(rel, specs.map((s, i) => named(s.name, convert({ e: call('dynamic_index', f(arrays[i]!.name), f(idx)), t: 'dynamic' }, s.toType))));
  rel = drop(rel, [idx, ...arrays.map((a) => a.name)]);
  const cols = upsertCols(input.cols, specs.map((s) => [s.name, s.toType] as const));
  return { rel: { rel, cols }, names: specs.map((s) => s.name) };
}

function upsertCols(cols: Columns, add: ReadonlyArray<readonly [string, IrType]>): Columns {
  const out = cols.filter((c) => !add.some((a) => a[0] === c[0]));
  return [...out, ...add];
}

function typeFromText(t: string): IrType {
  const m = /(\w+)\s*\)?\s*$/.exec(t.replace(/typeof\s*\(/, ''));
  const k = (m?.[1] ?? 'dynamic').toLowerCase();
  return ({ string: 'string', int: 'long', long: 'long', real: 'double', double: 'double', bool: 'bool', boolean: 'bool', datetime: 'datetime', date: 'datetime', timespan: 'timespan', time: 'timespan', dynamic: 'dynamic' } as Record<string, IrType>)[k] ?? 'dynamic';
}

/** mv-apply: number the outer rows, expand, run the subquery per row, join the results back. */
function mvApply(op: PNode, input: TRel, o: OpEnv): TRel {
  const rid = o.ctx.fresh('rid');
  const numbered: TRel = {
    rel: { kind: 'window', input: input.rel, columns: [{ name: rid, fn: 'row_number', args: [], partitionBy: [], orderBy: [] }] },
    cols: [...input.cols, [rid, 'long']],
  };
  const exp = mvExpand(op.c['Expressions']?.items ?? [], numbered, o);
  let sub = exp.rel;
  const subOps: PNode[] = [];
  let q: PNode | null | undefined = op.c['Subquery']?.c['Expression'];
  while (q && q.kind === 'PipeExpression') {
    subOps.unshift(q.c['Operator']!);
    q = q.c['Expression'];
  }
  if (q) subOps.unshift(q);
  const inner: OpEnv = { ...o, partition: rid };
  for (const s of subOps) sub = lowerOperator(s, sub, inner);
  const produced = sub.cols.filter((c) => c[0] !== rid);
  const outer = numbered.cols.filter((c) => !produced.some((p) => p[0] === c[0]) && c[0] !== rid);
  // Columns of the expanded sub-table that survive are already in `sub`; take them from there.
  const outerOnly = outer.filter((c) => !sub.cols.some((s) => s[0] === c[0]));
  const joined = join('inner', project(numbered.rel, [...passThrough(outerOnly), named(rid, f(rid))]), sub.rel, eq({ kind: 'var', name: '$left', path: [rid] }, { kind: 'var', name: '$right', path: [rid] }));
  const cols = [...outerOnly, ...produced];
  const rightRid = `${rid}1`;
  return { rel: project(joined, [...cols.map((c) => named(c[0], f(c[0])))].filter((c) => c.name !== rightRid)), cols };
}
