// Graph's evolvable enums (spec 3.9): an enum whose member list holds the sentinel
// `unknownFutureValue` may gain members after it. Those later members reach only clients that send
// `Prefer: include-unknown-enum-members`; everyone else reads the sentinel in their place, because
// a client generated from older metadata may fail to deserialize a member it has never seen.
//
// The schema DSL lists enum members in declared order, so "after the sentinel" is positional. This
// module turns a schema into a pruned tree holding only the branches that lead to such members,
// once per schema and version, so a response whose kind has none does no per-record work at all.
import type { FieldSchema, ObjectSchema } from './schema.ts';
import type { GraphVersion } from './log-kinds.ts';
import type { JsonObject, JsonValue } from './normalize.ts';

/** The sentinel, matched without regard to case: tokenIssuerType spells it `UnknownFutureValue`. */
const SENTINEL = 'unknownfuturevalue';

export interface EvolvableEnum {
  /** The sentinel as this enum spells it on the wire. */
  readonly sentinel: string;
  /** Members declared after the sentinel, in declared spelling. */
  readonly later: ReadonlySet<string>;
}

const byValues = new WeakMap<readonly string[], EvolvableEnum | null>();

/** The evolvable part of an enum's member list, or null when no member follows a sentinel. */
export function evolvableEnum(values: readonly string[]): EvolvableEnum | null {
  const cached = byValues.get(values);
  if (cached !== undefined) return cached;
  const at = values.findIndex((m) => m.toLowerCase() === SENTINEL);
  const later = at < 0 ? [] : values.slice(at + 1);
  const e = later.length ? { sentinel: values[at]!, later: new Set(later) } : null;
  byValues.set(values, e);
  return e;
}

/** Where evolvable members can occur: only the branches of the schema that lead to one. */
export type EnumMask =
  | { readonly kind: 'enum'; readonly e: EvolvableEnum; readonly flags: boolean }
  | { readonly kind: 'list'; readonly item: EnumMask }
  | { readonly kind: 'object'; readonly fields: ReadonlyArray<readonly [string, EnumMask]> };

function hiddenIn(f: FieldSchema, version: GraphVersion | null): boolean {
  if (version === null) return false;
  return version === 'v1.0' ? Boolean(f.meta.beta) : Boolean(f.meta.v1Only);
}

function compile(s: FieldSchema, version: GraphVersion | null): EnumMask | null {
  switch (s.kind) {
    case 'scalar': {
      const e = s.meta.enum ? evolvableEnum(s.meta.enum) : null;
      return e ? { kind: 'enum', e, flags: Boolean(s.meta.flags) } : null;
    }
    case 'list': {
      const item = compile(s.item, version);
      return item ? { kind: 'list', item } : null;
    }
    case 'object': {
      const fields: Array<readonly [string, EnumMask]> = [];
      for (const [k, f] of Object.entries(s.fields)) {
        if (hiddenIn(f, version)) continue;
        const m = compile(f, version);
        if (m) fields.push([k, m]);
      }
      return fields.length ? { kind: 'object', fields } : null;
    }
    case 'open':
      return null;
  }
}

const masks = new WeakMap<ObjectSchema, Map<GraphVersion | 'any', EnumMask | null>>();

/**
 * The mask of an entity schema as a version shows it (null: every version), or null when the
 * version's view of the schema has no member after a sentinel anywhere. Computed once per schema.
 */
export function enumMask(schema: ObjectSchema, version: GraphVersion | null): EnumMask | null {
  let per = masks.get(schema);
  if (!per) masks.set(schema, (per = new Map()));
  const key = version ?? 'any';
  if (!per.has(key)) per.set(key, compile(schema, version));
  return per.get(key)!;
}

/** The property paths a mask covers (`appliedConditionalAccessPolicies/result`), for docs and tests. */
export function maskPaths(mask: EnumMask | null, prefix = ''): string[] {
  if (!mask) return [];
  if (mask.kind === 'enum') return [prefix];
  if (mask.kind === 'list') return maskPaths(mask.item, prefix);
  return mask.fields.flatMap(([k, m]) => maskPaths(m, prefix ? `${prefix}/${k}` : k));
}

function maskFlags(e: EvolvableEnum, text: string): string {
  const parts = text.split(',');
  if (!parts.some((p) => e.later.has(p.trim()))) return text;
  // Several later members collapse into one sentinel, where the first of them stood.
  const out: string[] = [];
  let placed = false;
  for (const p of parts) {
    const m = p.trim();
    if (!e.later.has(m)) out.push(m);
    else if (!placed) {
      out.push(e.sentinel);
      placed = true;
    }
  }
  return out.join(',');
}

/**
 * The value as a client without the preference must see it. Copy-on-write by default: the input is
 * never changed (stored rows may be shared) and an unchanged branch comes back as the same object.
 * `owned`: every object in `v` belongs to the caller (a fresh version view), so objects are changed
 * in place; copying a 78-property sign-in to change one property cost more than the whole view.
 * Arrays are still copied on write, as the view hands collections of scalars through unchanged.
 */
export function applyEnumMask(mask: EnumMask, v: JsonValue, owned = false): JsonValue {
  if (v === null || v === undefined) return v;
  switch (mask.kind) {
    case 'enum':
      if (typeof v !== 'string') return v;
      if (mask.flags) return maskFlags(mask.e, v);
      return mask.e.later.has(v) ? mask.e.sentinel : v;
    case 'list': {
      if (!Array.isArray(v)) return v;
      let out: JsonValue[] | null = null;
      for (let i = 0; i < v.length; i++) {
        const m = applyEnumMask(mask.item, v[i]!, owned);
        if (m !== v[i]) (out ??= v.slice())[i] = m;
      }
      return out ?? v;
    }
    case 'object': {
      if (typeof v !== 'object' || Array.isArray(v)) return v;
      let out: JsonObject | null = owned ? v : null;
      for (const [k, m] of mask.fields) {
        const cur = v[k];
        if (cur === undefined || cur === null) continue;
        const next = applyEnumMask(m, cur, owned);
        if (next !== cur) (out ??= { ...v })[k] = next;
      }
      return out ?? v;
    }
  }
}

/** A member declared after its enum's sentinel (a `$filter` literal that needs the preference). */
export function isLaterMember(values: readonly string[], member: string): boolean {
  return evolvableEnum(values)?.later.has(member) ?? false;
}
