// KQL tabular sources that read no log: `datatable(...)[...]`, `print`, and `range`. They lower to
// the IR's literal `values` relation (values bound as parameters), so they join, union and filter
// like any table and compile on every backend.
import type { IrType, Relation } from '../ir/index.ts';
import { arith, call, drop, extendRel, field, lit, named, project, unnest } from '../ir/index.ts';
import { nameOf, type TRel, type Typed } from './kql-context.ts';
import { convert } from './kql-coerce.ts';
import { lowerExpr, type Env } from './kql-expressions.ts';
import type { PNode } from './kql-parser.ts';

/** More rows than this from `range` is almost certainly a mistake, and each row is built in SQL. */
export const MAX_RANGE_ROWS = 1_000_000;

type Value = string | number | boolean | null;

const ONE_ROW: Relation = { kind: 'values', columns: [{ name: '__one', type: 'long' }], rows: [[0]] };

export function kqlTypeName(t: string): IrType | undefined {
  return ({
    string: 'string', int: 'long', long: 'long', real: 'double', double: 'double', decimal: 'double', bool: 'bool', boolean: 'bool',
    datetime: 'datetime', date: 'datetime', timespan: 'timespan', time: 'timespan', dynamic: 'dynamic', guid: 'string',
  } as Record<string, IrType>)[t.trim().toLowerCase()];
}

/** `datatable(a:string, b:long) ["x", 1, "y", 2]`: every value must be a constant. */
export function lowerDataTable(n: PNode, env: Env): TRel {
  const { ctx } = env;
  const cols = (n.c['Schema']?.c['Columns']?.items ?? []).map((c) => {
    const typeNode = c.c['Type']!;
    const t = kqlTypeName(ctx.source(typeNode));
    if (!t) return ctx.unsupported(`the datatable column type '${ctx.source(typeNode).trim()}'`, typeNode);
    return { name: nameOf(c.c['Name']), type: t };
  });
  if (cols.length === 0) return ctx.fail('IDT_KQL_SEMANTIC', 'datatable needs at least one column', n);
  const values = n.c['Values']?.items ?? [];
  if (values.length % cols.length !== 0) {
    return ctx.fail('IDT_KQL_SEMANTIC', `datatable has ${values.length} values, not a multiple of its ${cols.length} columns`, n);
  }
  const rows: Value[][] = [];
  for (let i = 0; i < values.length; i += cols.length) {
    rows.push(cols.map((c, j) => constantOf(values[i + j]!, c.type, env)));
  }
  return { rel: { kind: 'values', columns: cols, rows }, cols: cols.map((c) => [c.name, c.type] as const) };
}

/** A datatable cell: a literal of the column's type (numbers widen; null fits any column). */
function constantOf(n: PNode, t: IrType, env: Env): Value {
  const x = lowerExpr(n, env);
  if (x.e.kind !== 'literal') return env.ctx.fail('IDT_KQL_SEMANTIC', `datatable values must be constants, not '${env.ctx.source(n).trim()}'`, n);
  const v = x.e.value;
  if (v === null) return null;
  const fits =
    x.t === t ||
    (t === 'double' && (x.t === 'long' || x.t === 'int')) ||
    (t === 'long' && x.t === 'double' && Number.isInteger(v)) ||
    (t === 'dynamic' && x.t !== 'dynamic');
  if (!fits) return env.ctx.fail('IDT_KQL_SEMANTIC', `the value '${env.ctx.source(n).trim()}' is not of the column type ${t}`, n);
  return t === 'dynamic' && x.t !== 'dynamic' ? JSON.stringify(v) : v;
}

/** `print a = 1, now()`: one row; unnamed columns are print_0, print_1, … by position. */
export function lowerPrint(n: PNode, env: Env): TRel {
  const out: Array<{ name: string; x: Typed }> = [];
  (n.c['Expressions']?.items ?? []).forEach((it, i) => {
    const named_ = it.kind === 'SimpleNamedExpression';
    const x = lowerExpr(named_ ? it.c['Expression']! : it, env);
    const name = named_ ? nameOf(it.c['Name']) : `print_${i}`;
    const at = out.findIndex((o) => o.name === name);
    if (at >= 0) out[at] = { name, x };
    else out.push({ name, x });
  });
  if (out.length === 0) return env.ctx.fail('IDT_KQL_SEMANTIC', 'print needs at least one expression', n);
  return { rel: project(ONE_ROW, out.map((o) => named(o.name, o.x.e))), cols: out.map((o) => [o.name, o.x.t] as const) };
}

/** `range x from a to b step s`: a..b inclusive, numbers or datetimes with a timespan step. */
export function lowerRange(n: PNode, env: Env): TRel {
  const { ctx } = env;
  const name = nameOf(n.c['Name']);
  const konst = (key: 'From' | 'To' | 'Step'): Typed & { v: string | number } => {
    const node = n.c[key]!;
    const x = lowerExpr(node, env);
    if (x.e.kind !== 'literal' || x.e.value === null || typeof x.e.value === 'boolean') {
      return ctx.unsupported(`range with a ${key.toLowerCase()} value that is not a constant`, node);
    }
    return { ...x, v: x.e.value };
  };
  const from = konst('From');
  const to = konst('To');
  const step = konst('Step');
  const isTime = from.t === 'datetime';
  if (isTime !== (to.t === 'datetime') || (isTime && step.t !== 'timespan')) {
    return ctx.fail('IDT_KQL_SEMANTIC', 'range needs numbers throughout, or datetimes with a timespan step', n);
  }
  const a = isTime ? Date.parse(String(from.v)) * 1e6 : Number(from.v);
  const b = isTime ? Date.parse(String(to.v)) * 1e6 : Number(to.v);
  const s = Number(step.v);
  if (!Number.isFinite(a) || !Number.isFinite(b) || !Number.isFinite(s) || s === 0) return ctx.fail('IDT_KQL_SEMANTIC', 'range needs finite bounds and a non-zero step', n);
  const count = (b - a) / s < 0 ? 0 : Math.floor((b - a) / s + 1e-9) + 1;
  if (count > MAX_RANGE_ROWS) return ctx.unsupported(`a range of ${count} rows (at most ${MAX_RANGE_ROWS})`, n);
  // One row, expanded over [0, count): value = from + i * step.
  const idx = ctx.fresh('i');
  const i = convert({ e: field(idx), t: 'dynamic' }, 'long');
  const t: IrType = isTime ? 'datetime' : from.t === 'double' || to.t === 'double' || step.t === 'double' ? 'double' : from.t === 'timespan' ? 'timespan' : 'long';
  const value = isTime ? call('datetime_add', from.e, arith('mul', i, step.e)) : arith('add', from.e, arith('mul', i, step.e));
  let rel: Relation = unnest(ONE_ROW, call('dynamic_to_list', call('range_array', lit(count))), idx);
  rel = extendRel(rel, [named(name, value)]);
  rel = drop(rel, ['__one', idx]);
  return { rel, cols: [[name, t]] };
}
