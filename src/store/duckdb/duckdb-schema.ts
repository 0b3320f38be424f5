// DuckDB column types mirroring the Graph types: nested STRUCT / LIST, TIMESTAMP_NS for
// DateTimeOffset (Entra emits 7 fractional digits, more than TIMESTAMP's 6), JSON for open objects.
import type { FieldSchema, LogKindDef } from '../../model/index.ts';
import type { ListMask } from '../../query/sql/compiler-types.ts';

const q = (n: string) => `"${n.replace(/"/g, '""')}"`;

export function duckType(s: FieldSchema): string {
  switch (s.kind) {
    case 'scalar':
      return { string: 'VARCHAR', int: 'INTEGER', long: 'BIGINT', double: 'DOUBLE', bool: 'BOOLEAN', datetime: 'TIMESTAMP_NS' }[s.type];
    case 'object':
      return `STRUCT(${Object.entries(s.fields).map(([k, f]) => `${q(k)} ${duckType(f)}`).join(', ')})`;
    case 'list':
      return `${duckType(s.item)}[]`;
    case 'open':
      return 'JSON';
  }
}

/**
 * The sign-in kinds as bits of `_evmask`, mirroring `signInEventTypes` (see ScanTarget.listMasks):
 * every beta sign-in list, KQL sign-in table and report is scoped by it. Values outside these four
 * (an evolvable enum may grow) have no bit and are answered from the list itself.
 */
export const SIGN_IN_EVENT_MASK = {
  list: 'signInEventTypes',
  column: '_evmask',
  bits: { interactiveUser: 1, nonInteractiveUser: 2, servicePrincipal: 4, managedIdentity: 8 } as Readonly<Record<string, number>>,
} as const;

/** The list masks a kind's table carries. */
export function listMasks(def: LogKindDef): Record<string, ListMask> {
  return SIGN_IN_EVENT_MASK.list in def.schema.fields ? { [SIGN_IN_EVENT_MASK.list]: { column: SIGN_IN_EVENT_MASK.column, bits: SIGN_IN_EVENT_MASK.bits } } : {};
}

/** The mask of one record's list value (0 for null, empty, or only unknown members). */
export function maskOf(list: unknown, bits: Readonly<Record<string, number>>): number {
  let m = 0;
  if (Array.isArray(list)) for (const v of list) if (typeof v === 'string') m |= bits[v] ?? 0;
  return m;
}

/** SQL computing a mask from its list column: used to fill the column in files written before it. */
export function maskSql(list: string, bits: Readonly<Record<string, number>>): string {
  const terms = Object.entries(bits).map(([v, b]) => `CASE WHEN coalesce(list_contains(${q(list)}, '${v.replace(/'/g, "''")}'), false) THEN ${b} ELSE 0 END`);
  return `(${terms.join(' + ')})::UTINYINT`;
}

/** Record columns in schema order, then the internal ones. */
export function tableColumns(def: LogKindDef): Array<{ name: string; type: string }> {
  return [
    { name: '_tenant', type: 'VARCHAR NOT NULL' },
    { name: '_seq', type: 'BIGINT NOT NULL' },
    { name: '_ingested', type: 'TIMESTAMP NOT NULL' },
    { name: '_extra', type: 'JSON' },
    ...Object.values(listMasks(def)).map((m) => ({ name: m.column, type: 'UTINYINT NOT NULL' })),
    ...Object.entries(def.schema.fields).map(([k, f]) => ({ name: k, type: duckType(f) })),
  ];
}

/**
 * Top-level string columns that hold a fresh random token per record (GUIDs, token ids). DuckDB picks
 * a compression per segment from a sample and stored uniqueTokenIdentifier uncompressed (26 bytes a
 * sign-in) where FSST takes 21.8; forcing FSST on these keeps them at the random content's floor.
 * Columns with repeated values (users, apps, sessions) are left to DuckDB: dictionary wins there.
 */
const RANDOM_TOKEN_COLUMNS = new Set(['id', 'correlationId', 'uniqueTokenIdentifier', 'originalRequestId']);

function columnDdl(c: { name: string; type: string }): string {
  const fsst = RANDOM_TOKEN_COLUMNS.has(c.name) && c.type === 'VARCHAR' ? ' USING COMPRESSION fsst' : '';
  return `${q(c.name)} ${c.type}${fsst}`;
}

export function createTableSql(def: LogKindDef): string {
  return `CREATE TABLE IF NOT EXISTS ${q(def.table)} (${tableColumns(def).map(columnDdl).join(', ')})`;
}

/** The `columns={…}` argument of read_json for the staging NDJSON (NOT NULL stripped; _ingested is set by SQL). */
export function readJsonColumnsArg(def: LogKindDef): string {
  const cols = tableColumns(def).filter((c) => c.name !== '_ingested');
  const pairs = cols.map((c) => `${q(c.name)}: '${c.type.replace(' NOT NULL', '').replace(/'/g, "''")}'`);
  return `{${pairs.join(', ')}}`;
}

/**
 * The append's INSERT for a kind (the staged NDJSON files are the list `$1`) and the masks each staged line
 * carries: built once per kind, since it spells out every column and nested type.
 */
export function appendStatement(def: LogKindDef): { sql: string; masks: Array<[string, ListMask]> } {
  const masks = Object.entries(listMasks(def));
  const cols = [...masks.map(([, m]) => m.column), ...Object.keys(def.schema.fields)].map(q);
  const sql =
    `INSERT INTO ${q(def.table)} (_tenant, _seq, _ingested, _extra, ${cols.join(', ')}) ` +
    `SELECT s._tenant, s._seq, now()::TIMESTAMP, s._extra, ${cols.map((c) => `s.${c}`).join(', ')} ` +
    `FROM read_json($1, format = 'newline_delimited', columns = ${readJsonColumnsArg(def)}, maximum_object_size = 67108864) AS s ` +
    // A spool file's first line is its metadata (append-spool.ts), read as a row without a _seq.
    'WHERE s._seq IS NOT NULL';
  return { sql, masks };
}

/** Hash-chain anchors, written in the same transaction as the records they cover (integrity/). */
export const CHAIN_ANCHORS_SQL =
  'CREATE TABLE IF NOT EXISTS _chain_anchors (_tenant VARCHAR NOT NULL, kind VARCHAR NOT NULL, seq_from BIGINT NOT NULL, ' +
  'seq_to BIGINT NOT NULL, link VARCHAR NOT NULL, prints VARCHAR NOT NULL, created TIMESTAMP NOT NULL)';

/** The spooled batches the last load committed (spool-loader.ts): recovery must not load them twice. */
export const SPOOL_LOADED_SQL = 'CREATE TABLE IF NOT EXISTS _spool_loaded (name VARCHAR NOT NULL, batch INTEGER NOT NULL)';

/** Retention's signed chain base per log (integrity/retention-job.ts): the last purged prefix. */
export const CHAIN_BASES_SQL =
  'CREATE TABLE IF NOT EXISTS _chain_bases (_tenant VARCHAR NOT NULL, kind VARCHAR NOT NULL, seq BIGINT NOT NULL, link VARCHAR NOT NULL, ' +
  'at_time VARCHAR NOT NULL, signature VARCHAR NOT NULL, PRIMARY KEY (_tenant, kind))';

/** Signed digests of records retention removed beyond the base (holes in the chain). */
export const CHAIN_REDACTIONS_SQL =
  'CREATE TABLE IF NOT EXISTS _chain_redactions (_tenant VARCHAR NOT NULL, kind VARCHAR NOT NULL, seq BIGINT NOT NULL, digest VARCHAR NOT NULL, signature VARCHAR NOT NULL)';
