// Dynamic property access on view columns that are really typed records. `LocationDetails`,
// `DeviceDetail`, `Status`, `InitiatedBy`… are stored as STRUCTs and shown to KQL as dynamic (or
// JSON text), so `LocationDetails.city` would serialise the whole record to JSON per row and parse
// it again. Instead, each such view column comes with hidden leaf columns (`__sN:Col/city`, the
// stored field itself), and an access whose path ends at a scalar leaf reads that column.
//
// Safety: the struct reference is attached to a column's entry in the lowering's column list and
// to the Typed value of an expression; operators that copy an entry unchanged keep it, any that
// rebuild it drop it. The hidden names are unique per view instance, so a reference can only ever
// resolve to leaves of the very rows it came from; when the leaves are not in scope (a `project`
// that dropped them, a union), the access falls back to the JSON path, which gives the same value.
import type { Expr, IrType } from '../ir/index.ts';
import { call, field, named } from '../ir/index.ts';
import type { FieldSchema, ObjectSchema } from '../../model/index.ts';
import type { Columns, StructRef, Typed } from './kql-context.ts';
import { toDynamicCall } from './kql-coerce.ts';

export const HIDDEN_PREFIX = '__s';

const leafName = (hidden: string, path: readonly string[]) => `${hidden}/${path.join('/')}`;

/** The IR type of a scalar leaf when reading it instead of its JSON form gives the same answer. */
function leafType(s: FieldSchema): IrType | null {
  if (s.kind !== 'scalar') return null;
  return ({ string: 'string', int: 'long', long: 'long', double: 'double', bool: 'bool', datetime: 'datetime' } as const)[s.type];
}

/** Hidden leaf columns for a view column holding the stored record at `source`. */
export function leafColumns(hidden: string, source: readonly string[], schema: ObjectSchema): Array<{ name: string; type: IrType; expr: Expr }> {
  const out: Array<{ name: string; type: IrType; expr: Expr }> = [];
  const walk = (s: ObjectSchema, path: string[]) => {
    for (const [k, f] of Object.entries(s.fields)) {
      if (f.kind === 'object') walk(f, [...path, k]);
      const t = leafType(f);
      if (t) out.push({ name: leafName(hidden, [...path, k]), type: t, expr: field(...source, ...path, k) });
    }
  };
  walk(schema, []);
  return out;
}

/**
 * `x.key` where x carries a struct reference: the leaf column when the key names a scalar field
 * whose hidden column is in scope, a deeper reference for a nested record, else null (use JSON).
 */
export function structAccess(x: Typed, key: string | number, cols: Columns, fallback: Expr): Typed | null {
  const s = x.struct;
  if (!s || typeof key !== 'string') return null;
  const child = s.schema.fields[key];
  if (!child) return null;
  const path = [...s.path, key];
  if (child.kind === 'object') return { e: fallback, t: 'dynamic', struct: { hidden: s.hidden, path, schema: child } };
  const t = leafType(child);
  const name = leafName(s.hidden, path);
  if (!t || !cols.some((c) => c[0] === name)) return null;
  const leaf: Typed = { e: field(name), t };
  return { e: toDynamicCall(leaf), t: 'dynamic', leaf };
}

/** The hidden columns a struct reference needs, as pass-through items (for `project`). */
export function carriedLeaves(refs: ReadonlyArray<StructRef | undefined>, cols: Columns): Array<ReturnType<typeof named> & { type: IrType }> {
  const hidden = new Set(refs.filter((r): r is StructRef => r !== undefined).map((r) => `${r.hidden}/`));
  return cols.filter((c) => [...hidden].some((h) => c[0].startsWith(h))).map((c) => ({ ...named(c[0], field(c[0])), type: c[1] }));
}

export const isHidden = (name: string) => name.startsWith(HIDDEN_PREFIX) && name.includes(':');
