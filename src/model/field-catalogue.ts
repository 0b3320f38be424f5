// The field catalogue: for every Graph property path of a kind, its type, the operators it may be
// filtered with, whether it can order, and which API versions have it. Derived from the schema,
// looked up without regard to case (real scripts send `Status/ErrorCode`, `createddatetime`) and by
// a property's documented alias.
import type { FieldSchema, FilterOp, ObjectSchema, ScalarType } from './schema.ts';
import { LOG_KINDS, type GraphVersion, type LogKind } from './log-kinds.ts';

export interface CatalogueEntry {
  /** Canonical path segments, e.g. ['status', 'errorCode']. */
  readonly path: readonly string[];
  /** Slash-joined canonical path as Graph writes it. */
  readonly name: string;
  readonly schema: FieldSchema;
  /** Scalar type, 'object', 'list' or 'open'. */
  readonly type: ScalarType | 'object' | 'list' | 'open';
  readonly filter: readonly FilterOp[];
  readonly orderby: boolean;
  readonly beta: boolean;
  readonly v1Only: boolean;
  readonly enumValues?: readonly string[];
}

export interface FieldCatalogue {
  readonly kind: LogKind;
  readonly entries: readonly CatalogueEntry[];
  /** Find a top-level or nested property by its segments, ignoring case. */
  lookup(path: readonly string[]): CatalogueEntry | undefined;
  /** Find a property of a collection item type (for lambda variables), ignoring case. */
  lookupIn(list: CatalogueEntry, path: readonly string[]): CatalogueEntry | undefined;
  /** Top-level property names visible in a version. */
  topLevel(version: GraphVersion): readonly string[];
}

function walk(s: ObjectSchema, prefix: string[], parentBeta: boolean, out: CatalogueEntry[]): void {
  for (const [key, f] of Object.entries(s.fields)) {
    const path = [...prefix, key];
    const beta = parentBeta || Boolean(f.meta.beta);
    out.push({
      path, name: path.join('/'), schema: f,
      type: f.kind === 'scalar' ? f.type : f.kind,
      filter: f.meta.filter ?? [], orderby: Boolean(f.meta.orderby), beta, v1Only: Boolean(f.meta.v1Only),
      ...(f.meta.enum ? { enumValues: f.meta.enum } : {}),
    });
    if (f.kind === 'object') walk(f, path, beta, out);
  }
}

function build(kind: LogKind): FieldCatalogue {
  const entries: CatalogueEntry[] = [];
  walk(LOG_KINDS[kind].schema, [], false, entries);
  const byLower = new Map(entries.map((e) => [e.name.toLowerCase(), e]));
  for (const e of entries) {
    if (e.schema.meta.alias) byLower.set([...e.path.slice(0, -1), e.schema.meta.alias].join('/').toLowerCase(), e);
  }
  const itemCache = new Map<CatalogueEntry, Map<string, CatalogueEntry>>();
  return {
    kind,
    entries,
    lookup: (path) => byLower.get(path.join('/').toLowerCase()),
    lookupIn(list, path) {
      if (list.schema.kind !== 'list' || list.schema.item.kind !== 'object') return undefined;
      let m = itemCache.get(list);
      if (!m) {
        const sub: CatalogueEntry[] = [];
        walk(list.schema.item, [], list.beta, sub);
        m = new Map(sub.map((e) => [e.name.toLowerCase(), e]));
        itemCache.set(list, m);
      }
      return m.get(path.join('/').toLowerCase());
    },
    topLevel(version) {
      return entries
        .filter((e) => e.path.length === 1 && (version === 'beta' ? !e.v1Only : !e.beta))
        .map((e) => e.name);
    },
  };
}

const cache = new Map<LogKind, FieldCatalogue>();
export function fieldCatalogue(kind: LogKind): FieldCatalogue {
  let c = cache.get(kind);
  if (!c) cache.set(kind, (c = build(kind)));
  return c;
}
