// The evolvable-enum rules (spec 3.9) for entities idtrail derives in memory (risk detections,
// risky users, report rows), whose `$filter` runs over shaped rows: the rows are masked first, so
// `unknownFutureValue` in a filter matches exactly what the client is shown, and a filter literal
// naming a member after the sentinel is refused unless the request opted in.
import { applyEnumMask, enumMask, evolvableEnum, type JsonObject, type ObjectSchema, type FieldSchema } from '../model/index.ts';
import type { FilterAst } from '../reports/index.ts';
import { ApiError } from './api-errors.ts';

/** Rows as the client may see them; the same array when nothing needs replacing. */
export function maskRows<R extends Record<string, unknown>>(schema: ObjectSchema, rows: R[], includeUnknown: boolean): R[] {
  const mask = includeUnknown ? null : enumMask(schema, null);
  if (!mask) return rows;
  return rows.map((r) => applyEnumMask(mask, r as JsonObject) as R);
}

function fieldAt(schema: ObjectSchema, path: string): FieldSchema | undefined {
  let cur: FieldSchema | undefined = schema;
  for (const seg of path.split('/')) cur = cur?.kind === 'object' ? cur.fields[seg] : undefined;
  return cur;
}

/** Refuse a comparison with a member declared after `unknownFutureValue` when the request did not opt in. */
export function checkFilterEnums(f: FilterAst | null, schema: ObjectSchema, includeUnknown: boolean): void {
  if (!f || includeUnknown) return;
  switch (f.kind) {
    case 'logic':
      for (const a of f.args) checkFilterEnums(a, schema, includeUnknown);
      return;
    case 'not':
      return checkFilterEnums(f.arg, schema, includeUnknown);
    case 'startswith':
      // Runs on the masked rows, so it sees what the client is shown; no member is named outright.
      return;
    case 'cmp': {
      const s = fieldAt(schema, f.prop);
      const e = s?.meta.enum ? evolvableEnum(s.meta.enum) : null;
      if (!e || typeof f.value !== 'string') return;
      // Report filters compare strings ignoring case, so the refusal does too.
      const v = f.value.toLowerCase();
      if ([...e.later].some((m) => m.toLowerCase() === v)) {
        throw new ApiError('IDT_QUERY_SYNTAX', `Invalid filter clause: '${f.value}' is a member of the enumeration of '${f.prop}' that is only available with the request header 'Prefer: include-unknown-enum-members'.`);
      }
      return;
    }
  }
}
