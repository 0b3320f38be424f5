// Bringing a ClickHouse table created by an older idtrail to the current layout, at open: the
// model gains properties (new Graph fields) and CREATE TABLE IF NOT EXISTS leaves old tables as
// they were. Mirrors duckdb-migrate.ts.
import type { FieldSchema, ObjectSchema } from '../../model/index.ts';
import type { ChColumn, ChLayout } from './clickhouse-layout.ts';

/** What the migration needs of the server: the table's column names, and running an ALTER. */
export interface MigrateClient {
  columns(table: string): Promise<Set<string>>;
  command(sql: string): Promise<void>;
}

/** The schema of the property at `path`, through objects and list items; undefined off the schema. */
function fieldAt(root: ObjectSchema, path: readonly string[]): { field: FieldSchema; listDepth: number } | undefined {
  let cur: FieldSchema = root;
  let listDepth = -1;
  for (let i = 0; i < path.length; i++) {
    while (cur.kind === 'list') {
      listDepth = i;
      cur = cur.item;
    }
    if (cur.kind !== 'object') return undefined;
    const next: FieldSchema | undefined = cur.fields[path[i]!];
    if (!next) return undefined;
    cur = next;
  }
  return { field: cur, listDepth };
}

/**
 * The DEFAULT a new column needs so that rows stored before it read exactly as they would had they
 * been ingested with the new schema (where the property is absent: normalizing makes it null, or []
 * for a list). Without a DEFAULT, ClickHouse fills NULL / [] on read, which is right except for:
 *  - the JSON text of a list of objects: ingest stores '[]' for an empty list, never NULL;
 *  - a new scalar inside list items: ingest stores one NULL per item, and the lambdas that read
 *    parallel item arrays together need them the same length as their siblings.
 */
export function columnDefault(layout: ChLayout, c: ChColumn, existing: ReadonlySet<string>, q: (n: string) => string): string {
  if (!c.path) return '';
  const at = fieldAt(layout.def.schema, c.path);
  if (!at) return '';
  if (c.path.length === 1 && at.field.kind === 'list' && at.field.item.kind !== 'scalar') return ` DEFAULT '[]'`;
  if (at.listDepth < 0 || at.field.kind !== 'scalar') return '';
  // Any existing parallel array of the same list has one element per item.
  const listPath = c.path.slice(0, at.listDepth).join('/');
  const sibling = layout.columns.find((o) => o.name !== c.name && existing.has(o.name) && o.path &&
    o.path.length > at.listDepth && o.path.slice(0, at.listDepth).join('/') === listPath && o.type.startsWith('Array(Nullable('));
  if (!sibling) return '';
  const inner = c.type.slice('Array('.length, -1);
  return ` DEFAULT arrayMap(x -> CAST(NULL AS ${inner}), ${q(sibling.name)})`;
}

/**
 * Add the columns of `layout` the table lacks. Columns are only added, never changed or dropped: a
 * property the model no longer has keeps its column (old rows may still be read by older nodes).
 * 18.16 has no ADD COLUMN IF NOT EXISTS, so a column another node added meanwhile is re-checked.
 */
export async function migrateClickHouseTable(layout: ChLayout, client: MigrateClient, q: (n: string) => string): Promise<string[]> {
  const table = layout.def.table;
  const have = await client.columns(table);
  const added: string[] = [];
  for (const c of layout.columns) {
    if (have.has(c.name)) continue;
    try {
      await client.command(`ALTER TABLE ${q(table)} ADD COLUMN ${q(c.name)} ${c.type}${columnDefault(layout, c, have, q)}`);
    } catch (e) {
      if (!(await client.columns(table)).has(c.name)) throw e;
    }
    have.add(c.name);
    added.push(c.name);
  }
  return added;
}
