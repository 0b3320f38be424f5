// Bring a Graph-named object that went through Azure Monitor back to Graph's types, guided by the
// kind's schema. Diagnostic records and Log Analytics exports carry the Graph properties, but with
// drift: numbers as text (`autonomousSystemNumber`, `durationInMilliseconds`), nested values as
// JSON text, PascalCase enum members (`userType: "Member"`), enum members as their ordinal
// (`provisioningStepType: 0`), Conditional Access condition flags as bit masks
// (`conditionsSatisfied: 0`), and PascalCase property names in provisioning records
// (`servicePrincipal: {"Id", "Name"}`, `initiatedBy: {"Type", "Id", "Name"}`). Values that still do not fit are left for the validator,
// which names the property; properties the schema does not know are left untouched (kept as extras).
import type { FieldSchema, ObjectSchema, ScalarSchema } from '../../model/index.ts';
import type { JsonObject, JsonValue } from '../../model/index.ts';
import { isObject } from './adapter.ts';

function parseJsonText(v: string, open: string): JsonValue | undefined {
  const t = v.trim();
  if (!t.startsWith(open)) return undefined;
  try {
    return JSON.parse(t) as JsonValue;
  } catch {
    return undefined;
  }
}

/** A bit mask → a Graph flags enum text: members after `none` are bits 1, 2, 4… in declaration order. */
function flagsText(mask: number, members: readonly string[]): string | null {
  if (!Number.isInteger(mask) || mask < 0) return null;
  if (mask === 0) return members.includes('none') ? 'none' : null;
  const named = members.filter((m) => m !== 'none');
  const out: string[] = [];
  for (let i = 0; i < named.length; i++) if (mask & (2 ** i)) out.push(named[i]!);
  return out.length ? out.join(',') : null;
}

function coerceScalar(s: ScalarSchema, v: JsonValue): JsonValue {
  switch (s.type) {
    case 'int':
    case 'long':
    case 'double':
      return typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v;
    case 'bool':
      return v === 'true' || v === 'True' ? true : v === 'false' || v === 'False' ? false : v;
    case 'datetime':
      return v;
    case 'string': {
      const members = s.meta.enum;
      if (typeof v === 'number' && members && s.meta.flags) return flagsText(v, members) ?? v;
      // A plain Graph enum serialized as a number is its ordinal in declaration order.
      if (typeof v === 'number' && members) return Number.isInteger(v) && v >= 0 && v < members.length ? members[v]! : v;
      if (typeof v === 'number' || typeof v === 'boolean') return String(v);
      if (typeof v === 'string' && members && !members.includes(v)) {
        const lower = v.toLowerCase();
        return members.find((m) => m.toLowerCase() === lower) ?? v;
      }
      return v;
    }
  }
}

function coerceValue(s: FieldSchema, v: JsonValue): JsonValue {
  if (v === null) return v;
  switch (s.kind) {
    case 'scalar':
      return coerceScalar(s, v);
    case 'object': {
      const o = typeof v === 'string' ? parseJsonText(v, '{') : v;
      // An empty text stands for "no value" in Log Analytics columns.
      if (v === '') return null;
      return isObject(o) ? coerceObject(s, o) : v;
    }
    case 'list': {
      if (v === '') return [];
      const l = typeof v === 'string' ? parseJsonText(v, '[') : v;
      if (!Array.isArray(l)) return v;
      let out: JsonValue[] | null = l === v ? null : l;
      for (let i = 0; i < l.length; i++) {
        const c = coerceValue(s.item, l[i]!);
        if (c !== l[i]) (out ??= l.slice())[i] = c;
      }
      return out ?? l;
    }
    case 'open': {
      const o = typeof v === 'string' ? parseJsonText(v, '{') : undefined;
      return o ?? v;
    }
  }
}

/** Provisioning records name some properties as the portal does; the Graph names they stand for. */
const RENAMED: Readonly<Record<string, string>> = { Name: 'displayName', Type: 'initiatorType' };

/** The schema property an unknown key stands for: `Id` → `id`, `Status` → `status`, `Name` → `displayName`. */
function graphName(schema: ObjectSchema, k: string, o: JsonObject): string {
  if (Object.hasOwn(schema.fields, k)) return k;
  const camel = k.charAt(0).toLowerCase() + k.slice(1);
  for (const cand of [camel, Object.hasOwn(RENAMED, k) ? RENAMED[k] : undefined]) {
    if (cand && Object.hasOwn(schema.fields, cand) && !Object.hasOwn(o, cand)) return cand;
  }
  return k;
}

/**
 * `o` with every known property coerced toward its schema type. Copy-on-write: an object (or list)
 * that needs no change is returned as it came, because most properties of a diagnostic record are
 * already Graph-typed and copying them all cost more than parsing the record. The input is never
 * modified; the caller copies the top level before adding to it.
 */
export function coerceObject(schema: ObjectSchema, o: JsonObject): JsonObject {
  let out: JsonObject | null = null;
  for (const k in o) {
    const v = o[k]!;
    const name = graphName(schema, k, o);
    const c = Object.hasOwn(schema.fields, name) ? coerceValue(schema.fields[name]!, v) : v;
    if (name !== k) {
      out ??= { ...o };
      delete out[k];
      out[name] = c;
    } else if (c !== v) {
      (out ??= { ...o })[k] = c;
    }
  }
  return out ?? o;
}
