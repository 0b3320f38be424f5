// How a Graph record is laid out in a ClickHouse table. 18.16 has no usable nested-object type, so
// each kind's table holds:
//  - the internal columns (_tenant, _seq, _idh, _ingested, _extra) and _time DateTime + _time_ns
//    UInt32 (18.16 has no DateTime64), which order and partition the table;
//  - one column per top-level property: a scalar column, Array(T) for a list of scalars, or the JSON
//    text of an object / list of objects / open object. These are what records are decoded from;
//  - flattened copies of the scalars below objects (`status__errorCode`) and parallel arrays of the
//    scalars inside lists of objects (`targetResources__id`), which is what filters, sorts and
//    lambdas read. Lists nested inside list items are only in the JSON and cannot be filtered.
// Datetimes are fixed-width text 'YYYY-MM-DDTHH:MM:SS.fffffffffZ': it keeps Entra's 7 digits, sorts
// and compares as text, and is the same on 18.16 and current versions.
import type { FieldSchema, JsonObject, JsonValue, LogKindDef, ObjectSchema, ScalarType } from '../../model/index.ts';

export interface ChColumn {
  readonly name: string;
  readonly type: string;
  /** Present for record-derived columns: the path of the property through objects. */
  readonly path?: readonly string[];
}

export interface ChLayout {
  readonly def: LogKindDef;
  readonly columns: readonly ChColumn[];
  /** Columns a plain scan exposes: internal ones and one per top-level property. */
  readonly scanColumns: readonly string[];
  /** Property path ('status/errorCode') → the column holding it, for filters and sorts. */
  readonly pathColumns: ReadonlyMap<string, string>;
  encode(record: JsonObject, internal: InternalValues): Record<string, unknown>;
  /** Stored row (JSON output of the scan columns) → a row decodeRecord accepts. */
  decodeTop(row: Record<string, unknown>): Record<string, unknown>;
}

export interface InternalValues {
  readonly tenant: string;
  readonly seq: number;
  readonly idh: number;
  readonly ingestedSec: number;
  readonly extra: JsonObject | null;
}

export const COLUMN_SEP = '__';
const INTERNAL: ChColumn[] = [
  { name: '_tenant', type: 'String' },
  { name: '_seq', type: 'UInt64' },
  { name: '_idh', type: 'UInt64' },
  { name: '_ingested', type: "DateTime('UTC')" },
  { name: '_extra', type: 'Nullable(String)' },
  { name: '_time', type: "DateTime('UTC')" },
  { name: '_time_ns', type: 'UInt32' },
];

const SCALAR_TYPE: Record<ScalarType, string> = {
  string: 'String', datetime: 'String', bool: 'UInt8', int: 'Int32', long: 'Int64', double: 'Float64',
};

/** '2024-05-01T10:00:00.5Z' → '2024-05-01T10:00:00.500000000Z' (input is the normalized form). */
export function toFixedIso(iso: string): string {
  const dot = iso.indexOf('.');
  const frac = dot < 0 ? '' : iso.slice(dot + 1, -1);
  return `${iso.slice(0, 19)}.${frac.padEnd(9, '0').slice(0, 9)}Z`;
}

const FIXED_ISO = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\.(\d{9})Z$/;
/** The inverse of toFixedIso: trailing zeros of the fraction dropped, as the model normalizes. */
export function fromFixedIso(text: string): string {
  const m = FIXED_ISO.exec(text);
  if (!m) return text;
  const frac = m[2]!.replace(/0+$/, '');
  return frac ? `${m[1]}.${frac}Z` : `${m[1]}Z`;
}
export const isFixedIso = (v: unknown): boolean => typeof v === 'string' && v.length === 30 && FIXED_ISO.test(v);

function encodeScalar(type: ScalarType, v: JsonValue | undefined): unknown {
  if (v === null || v === undefined) return null;
  if (type === 'datetime') return toFixedIso(String(v));
  if (type === 'bool') return v ? 1 : 0;
  return v;
}

function decodeScalar(type: ScalarType, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (type === 'datetime') return fromFixedIso(String(v));
  if (type === 'bool') return v === 1 || v === true || v === '1';
  if (type === 'long' || type === 'int' || type === 'double') return Number(v);
  return v;
}

function get(rec: JsonValue | undefined, path: readonly string[]): JsonValue | undefined {
  let cur = rec;
  for (const p of path) {
    if (cur === null || cur === undefined || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = cur[p];
  }
  return cur;
}

interface Derived extends ChColumn {
  readonly path: readonly string[];
  readonly read: (rec: JsonObject) => unknown;
}

/** Scalars of list items (through item objects), as parallel arrays; lists inside items are skipped. */
function itemColumns(listPath: string[], item: ObjectSchema, prefix: string[], out: Derived[]): void {
  for (const [k, f] of Object.entries(item.fields)) {
    const sub = [...prefix, k];
    if (f.kind === 'object') itemColumns(listPath, f, sub, out);
    else if (f.kind === 'scalar') {
      const type = f.type;
      out.push({
        name: [...listPath, ...sub].join(COLUMN_SEP), path: [...listPath, ...sub],
        type: `Array(Nullable(${SCALAR_TYPE[type]}))`,
        read: (rec) => {
          const items = get(rec, listPath);
          return Array.isArray(items) ? items.map((it) => encodeScalar(type, get(it, sub) ?? null)) : [];
        },
      });
    }
  }
}

function derivedColumns(s: FieldSchema, path: string[], out: Derived[]): void {
  switch (s.kind) {
    case 'scalar':
      out.push({ name: path.join(COLUMN_SEP), path, type: `Nullable(${SCALAR_TYPE[s.type]})`, read: (r) => encodeScalar(s.type, get(r, path)) });
      return;
    case 'object':
      for (const [k, f] of Object.entries(s.fields)) derivedColumns(f, [...path, k], out);
      return;
    case 'list':
      if (s.item.kind === 'scalar') {
        const t = s.item.type;
        out.push({
          name: path.join(COLUMN_SEP), path, type: `Array(${SCALAR_TYPE[t]})`,
          read: (r) => {
            const v = get(r, path);
            return Array.isArray(v) ? v.map((x) => encodeScalar(t, x)) : [];
          },
        });
      } else if (s.item.kind === 'object') itemColumns(path, s.item, [], out);
      return;
    case 'open':
      return; // only in the parent's JSON text
  }
}

const cache = new Map<string, ChLayout>();

export function clickhouseLayout(def: LogKindDef): ChLayout {
  const hit = cache.get(def.kind);
  if (hit) return hit;
  const top: Derived[] = [];
  const flat: Derived[] = [];
  for (const [k, f] of Object.entries(def.schema.fields)) {
    if (f.kind === 'scalar' || (f.kind === 'list' && f.item.kind === 'scalar')) derivedColumns(f, [k], top);
    else {
      top.push({ name: k, path: [k], type: 'Nullable(String)', read: (r) => (r[k] === null || r[k] === undefined ? null : JSON.stringify(r[k])) });
      derivedColumns(f, [k], flat);
    }
  }
  const derived = [...top, ...flat];
  const pathColumns = new Map<string, string>();
  for (const c of derived) pathColumns.set(c.path.join('/'), c.name);
  const timeField = def.timeField;
  const layout: ChLayout = {
    def,
    columns: [...INTERNAL, ...derived.map(({ name, type, path }) => ({ name, type, path }))],
    scanColumns: [...INTERNAL.map((c) => c.name), ...top.map((c) => c.name)],
    pathColumns,
    encode(record, iv) {
      const time = String(record[timeField]);
      const row: Record<string, unknown> = {
        _tenant: iv.tenant, _seq: iv.seq, _idh: iv.idh, _ingested: iv.ingestedSec,
        _extra: iv.extra === null ? null : JSON.stringify(iv.extra),
        _time: Math.floor(Date.parse(`${time.slice(0, 19)}Z`) / 1000),
        _time_ns: Number(toFixedIso(time).slice(20, 29)),
      };
      for (const c of derived) row[c.name] = c.read(record);
      return row;
    },
    decodeTop(row) {
      const out: Record<string, unknown> = { _extra: row['_extra'] ?? null };
      for (const [k, f] of Object.entries(def.schema.fields)) {
        const v = row[k];
        if (f.kind === 'scalar') out[k] = decodeScalar(f.type, v);
        else if (f.kind === 'list' && f.item.kind === 'scalar') {
          const t = f.item.type;
          out[k] = Array.isArray(v) ? v.map((x) => decodeScalar(t, x)) : [];
        } else out[k] = typeof v === 'string' ? JSON.parse(v) : null;
      }
      return out;
    },
  };
  cache.set(def.kind, layout);
  return layout;
}

export function createTableSql(layout: ChLayout, q: (n: string) => string): string {
  // ReplacingMergeTree on a key that ends in the id hash: if two ingest nodes race and both store
  // one record, background merges eventually keep one copy (see docs/scale-out.md).
  return `CREATE TABLE IF NOT EXISTS ${q(layout.def.table)} (${layout.columns.map((c) => `${q(c.name)} ${c.type}`).join(', ')}) ` +
    `ENGINE = ReplacingMergeTree PARTITION BY toYYYYMMDD(_time) ORDER BY (_tenant, _time, _time_ns, _idh)`;
}
