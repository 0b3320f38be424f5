// `evaluate bag_unpack(Column [, OutputColumnPrefix] [, columnsConflict] [, ignoredProperties]) [: (…)]`:
// one column per top-level key of the bags in Column, named prefix + key, in key order, after the
// input's columns (Column itself is removed). The keys depend on the data, so unless the query gives
// an output schema, a probe (kql-probes.ts) first lists the keys and the types of their values over
// the input rows; a slot whose values all have one type gets that type, any other gets dynamic.
import type { Expr, IrType } from '../ir/index.ts';
import { aggregate, call, drop, extendRel, field, inList, limit, lit, named, not, project, sort, unnest, where } from '../ir/index.ts';
import { nameOf, type Columns, type TRel, type Typed } from './kql-context.ts';
import { convert } from './kql-coerce.ts';
import { lowerExpr, nameOfRef } from './kql-expressions.ts';
import { exprEnv, type OpEnv } from './kql-operators.ts';
import type { PNode } from './kql-parser.ts';
import { probe } from './kql-probes.ts';
import { lowerPivot } from './kql-pivot.ts';
import { kqlTypeName } from './kql-sources.ts';
import { isHidden, structAccess } from './kql-struct-access.ts';

/** More distinct keys than this is almost always a bag of values rather than of fields. */
export const MAX_BAG_KEYS = 500;

const KUSTO_TO_IR: Record<string, IrType> = { string: 'string', long: 'long', real: 'double', bool: 'bool', dynamic: 'dynamic' };

type Conflict = 'error' | 'replace_source' | 'keep_source';

interface Options {
  bag: Typed;
  /** The input column the bag comes from (removed from the output), when it is one. */
  source: string | null;
  prefix: string;
  conflict: Conflict;
  ignored: string[];
}

/** `evaluate` of a plugin: bag_unpack here, pivot in kql-pivot.ts; any other is refused by name. */
export function lowerEvaluate(op: PNode, input: TRel, o: OpEnv): TRel {
  const fn = op.c['FunctionCall']!;
  const plugin = nameOfRef(fn.c['Name']!);
  if (plugin !== 'bag_unpack' && plugin !== 'pivot') return o.ctx.unsupported(`the plugin 'evaluate ${plugin}()'`, fn);
  if ((op.c['Parameters']?.items ?? []).length) return o.ctx.unsupported('evaluate parameters (hint.*)', op.c['Parameters']!);
  if (plugin === 'pivot') {
    if (op.c['Schema']?.c['Schema']) return o.ctx.unsupported('an output schema for evaluate pivot()', op.c['Schema']!);
    return lowerPivot(fn, input, o, op);
  }
  const opts = options(fn, input, o);
  const schema = op.c['Schema']?.c['Schema'];
  if (schema) return withSchema(schema, opts, input, o);
  const slots = discover(op, opts, input, o);
  return unpack(slots, opts, input.cols, input, o, op);
}

function options(fn: PNode, input: TRel, o: OpEnv): Options {
  const { ctx } = o;
  const env = exprEnv(o, input.cols);
  const positional: PNode[] = [];
  const namedArgs = new Map<string, PNode>();
  for (const a of fn.c['ArgumentList']?.c['Expressions']?.items ?? []) {
    if (a.kind === 'SimpleNamedExpression') namedArgs.set(nameOf(a.c['Name']).toLowerCase(), a.c['Expression']!);
    else positional.push(a);
  }
  const col = positional[0];
  if (!col) return ctx.fail('IDT_KQL_SEMANTIC', 'bag_unpack() needs the column to unpack', fn);
  const x = lowerExpr(col, env);
  if (x.t !== 'dynamic' && x.t !== 'string') return ctx.fail('IDT_KQL_SEMANTIC', `bag_unpack() unpacks a dynamic column, not a ${x.t} one`, col);
  const bag: Typed = x.t === 'dynamic' ? x : { e: convert(x, 'dynamic'), t: 'dynamic' };
  const text = (n: PNode | undefined, what: string): string | null => {
    if (!n) return null;
    const v = lowerExpr(n, env);
    if (v.e.kind !== 'literal' || typeof v.e.value !== 'string') return ctx.unsupported(`a bag_unpack ${what} that is not a constant string`, n);
    return v.e.value;
  };
  const prefix = text(namedArgs.get('outputcolumnprefix') ?? positional[1], 'prefix') ?? '';
  const conflictNode = namedArgs.get('columnsconflict') ?? positional[2];
  const conflict = (text(conflictNode, 'columnsConflict') ?? 'error').toLowerCase();
  if (conflict !== 'error' && conflict !== 'replace_source' && conflict !== 'keep_source') {
    return ctx.fail('IDT_KQL_SEMANTIC', `columnsConflict must be 'error', 'replace_source' or 'keep_source', not '${conflict}'`, conflictNode!);
  }
  const ignoredNode = namedArgs.get('ignoredproperties') ?? positional[3];
  let ignored: string[] = [];
  if (ignoredNode) {
    const v = lowerExpr(ignoredNode, env);
    const parsed = v.t === 'dynamic' && v.e.kind === 'literal' && typeof v.e.value === 'string' ? (JSON.parse(v.e.value) as unknown) : null;
    if (!Array.isArray(parsed) || !parsed.every((p) => typeof p === 'string')) return ctx.fail('IDT_KQL_SEMANTIC', 'ignoredProperties must be a constant dynamic array of names', ignoredNode);
    ignored = parsed;
  }
  const source = col.kind === 'NameReference' && input.cols.some((c) => c[0] === nameOfRef(col)) ? nameOfRef(col) : null;
  return { bag, source, prefix, conflict, ignored };
}

/** Key → Kusto type of its values, from a probe over the input rows, sorted by key. */
function discover(op: PNode, opts: Options, input: TRel, o: OpEnv): Array<[string, IrType]> {
  const rows = probe(o.ctx, op, () => {
    const b = o.ctx.fresh('bag');
    const k = o.ctx.fresh('key');
    const bags = project(input.rel, [named(b, opts.bag.e)]);
    const keys = unnest(bags, call('dynamic_to_list', call('bag_keys', field(b))), k);
    const key = call('dynamic_to_string', field(k));
    let typed = project(keys, [named('key', key), named('type', call('bag_value_type', field(b), key))]);
    if (opts.ignored.length) typed = where(typed, not(inList(field('key'), opts.ignored.map((i) => lit(i)))));
    const perKey = aggregate(typed, [named('key', field('key'))], [
      named('types', { kind: 'agg', fn: 'dcount', args: [field('type')] }),
      named('type', { kind: 'agg', fn: 'min', args: [field('type')] }),
    ]);
    // One more than the limit tells "too many" from "exactly the limit".
    return limit(sort(perKey, [{ expr: field('key'), direction: 'asc' }]), MAX_BAG_KEYS + 1);
  });
  if (rows.length > MAX_BAG_KEYS) {
    return o.ctx.fail('IDT_KQL_UNSUPPORTED', `bag_unpack found more than ${MAX_BAG_KEYS} distinct keys; narrow the input, list the keys to ignore (ignoredProperties), or give an output schema: evaluate bag_unpack(col) : (*, Key1:string, …)`, op);
  }
  const slots = rows.map((r): [string, IrType] => [String(r['key']), Number(r['types']) === 1 ? KUSTO_TO_IR[String(r['type'])] ?? 'dynamic' : 'dynamic']);
  // Ordinal order, as Kusto sorts the new columns; the engine's collation may differ.
  return slots.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** `: (*, Name:string, Age:long)`: exactly these slots, no probe; without `*` only these columns. */
function withSchema(schema: PNode, opts: Options, input: TRel, o: OpEnv): TRel {
  const slots: Array<[string, IrType]> = [];
  for (const c of schema.c['Columns']?.items ?? []) {
    const name = nameOf(c.c['Name']);
    const t = kqlTypeName(o.ctx.source(c.c['Type']!));
    if (!t) return o.ctx.unsupported(`the output schema type '${o.ctx.source(c.c['Type']!).trim()}'`, c);
    // Schema columns are output names; the slot is the name without the prefix.
    slots.push([opts.prefix && name.startsWith(opts.prefix) ? name.slice(opts.prefix.length) : name, t]);
  }
  const keepInput = schema.c['AsteriskToken'] != null;
  const out = unpack(slots, opts, keepInput ? input.cols : [], input, o, schema);
  if (keepInput) return out;
  const names = slots.map((s) => opts.prefix + s[0]);
  const cols = out.cols.filter((c) => names.includes(c[0]));
  return { rel: project(out.rel, cols.map((c) => named(c[0], field(c[0])))), cols };
}

function unpack(slots: Array<[string, IrType]>, opts: Options, kept: Columns, input: TRel, o: OpEnv, at: PNode): TRel {
  const cols: Array<Columns[number]> = kept.filter((c) => c[0] !== opts.source);
  const adds: Array<{ name: string; e: Expr; t: IrType }> = [];
  for (const [key, t] of slots) {
    const name = opts.prefix + key;
    // Names starting with __ are the lowering's own (hidden record leaves, internal columns).
    if (name.startsWith('__')) return o.ctx.unsupported(`bag_unpack of the key '${key}': column names starting with '__' are reserved here; pass a prefix`, at);
    const clash = cols.findIndex((c) => c[0] === name && !isHidden(c[0]));
    if (clash >= 0) {
      if (opts.conflict === 'keep_source') continue;
      if (opts.conflict === 'error') {
        return o.ctx.fail('IDT_KQL_SEMANTIC', `bag_unpack: the key '${key}' would become the column '${name}', which the input already has; pass a prefix, or columnsConflict='replace_source' or 'keep_source'`, at);
      }
      cols.splice(clash, 1);
    }
    const viaKey: Expr = call('bag_get', opts.bag.e, lit(key));
    const value = structAccess(opts.bag, key, input.cols, viaKey) ?? { e: viaKey, t: 'dynamic' as IrType };
    adds.push({ name, e: t === 'dynamic' ? value.e : convert(value, t), t });
    cols.push([name, t]);
  }
  let rel = extendRel(input.rel, adds.map((a) => named(a.name, a.e)));
  if (opts.source && !adds.some((a) => a.name === opts.source)) rel = drop(rel, [opts.source]);
  return { rel, cols };
}
