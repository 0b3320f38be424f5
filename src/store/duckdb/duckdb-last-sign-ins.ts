// LastSignInStore on the embedded DuckDB file. Writes go through the store's writer queue (so they
// never interleave half-way with appends or retention) and are parameterised; the max-merge is one
// INSERT … ON CONFLICT DO UPDATE whose CASEs keep the later of the stored and the incoming sign-in.
// The rows travel as one bound JSON parameter unnested by SQL: the same rows as a VALUES list of
// 12 parameters each took DuckDB ~460 µs a row to parse and bind, which made this listener 30–45
// of the ~200 CPU µs an ingested sign-in cost (notes/ingest-perf.md).
import { engineTimeToIso } from '../record-decoder.ts';
import type { LastSignInRow, LastSignInStore, PrincipalKind, SignInRef } from '../last-sign-in-store.ts';
import type { DuckDbStore } from './duckdb-store.ts';

const SLOTS = ['name', 'last', 'lastni', 'lastok'] as const;
const DDL = [
  'CREATE TABLE IF NOT EXISTS _last_sign_ins (_tenant VARCHAR NOT NULL, kind VARCHAR NOT NULL, id VARCHAR NOT NULL, name VARCHAR, ' +
    SLOTS.map((s) => `${s}_at TIMESTAMP_NS, ${s}_req VARCHAR`).join(', ') + ', PRIMARY KEY (_tenant, kind, id))',
  'CREATE TABLE IF NOT EXISTS _derived_state (name VARCHAR PRIMARY KEY, built_at VARCHAR NOT NULL)',
  'CREATE TABLE IF NOT EXISTS _last_sign_in_marks (_tenant VARCHAR PRIMARY KEY, seq BIGINT NOT NULL)',
];
const MARK = 'INSERT INTO _last_sign_in_marks VALUES ($1, $2) ON CONFLICT (_tenant) DO UPDATE SET seq = greatest(_last_sign_in_marks.seq, excluded.seq)';
const STATE = 'lastSignIns';
const COLS = ['_tenant', 'kind', 'id', 'name', ...SLOTS.flatMap((s) => [`${s}_at`, `${s}_req`])];
/** The JSON shape of a staged row, for from_json; times stay text until the CAST in the SELECT. */
const ROW_SHAPE = JSON.stringify([Object.fromEntries(COLS.map((c) => [c, 'VARCHAR']))]);
const SELECT_ROWS =
  `SELECT ${COLS.map((c) => (c.endsWith('_at') ? `CAST(r.${c} AS TIMESTAMP_NS)` : `r.${c}`)).join(', ')} ` +
  `FROM (SELECT unnest(from_json(CAST($1 AS JSON), '${ROW_SHAPE}'), recursive := true)) AS r`;

// The incoming slot wins when it is later, ties broken by request id (as later() in JS).
const wins = (s: string) =>
  `(excluded.${s}_at IS NOT NULL AND (_last_sign_ins.${s}_at IS NULL OR excluded.${s}_at > _last_sign_ins.${s}_at ` +
  `OR (excluded.${s}_at = _last_sign_ins.${s}_at AND excluded.${s}_req > _last_sign_ins.${s}_req)))`;
const UPSERT_TAIL =
  ' ON CONFLICT (_tenant, kind, id) DO UPDATE SET ' +
  [
    `name = CASE WHEN ${wins('name')} THEN excluded.name ELSE _last_sign_ins.name END`,
    ...SLOTS.flatMap((s) => [
      `${s}_at = CASE WHEN ${wins(s)} THEN excluded.${s}_at ELSE _last_sign_ins.${s}_at END`,
      `${s}_req = CASE WHEN ${wins(s)} THEN excluded.${s}_req ELSE _last_sign_ins.${s}_req END`,
    ]),
  ].join(', ');

const engineTime = (iso: string) => iso.replace('T', ' ').replace(/Z$/, '');
const refParams = (r: SignInRef | null) => (r ? [engineTime(r.at), r.requestId] : [null, null]);

function insertStatements(rows: readonly LastSignInRow[], upsert: boolean): Array<readonly [string, unknown[]]> {
  if (rows.length === 0) return [];
  const staged = rows.map((r) => {
    const values = [r.tenantId, r.kind, r.id, r.name?.value ?? null, ...refParams(r.name), ...refParams(r.last), ...refParams(r.lastNonInteractive), ...refParams(r.lastSuccessful)];
    return Object.fromEntries(COLS.map((c, j) => [c, values[j]]));
  });
  return [[`INSERT INTO _last_sign_ins (${COLS.join(', ')}) ${SELECT_ROWS}${upsert ? UPSERT_TAIL : ''}`, [JSON.stringify(staged)]]];
}

function ref(row: Record<string, unknown>, slot: string): SignInRef | null {
  const at = row[`${slot}_at`];
  const req = row[`${slot}_req`];
  return at === null || at === undefined || req === null || req === undefined ? null : { at: engineTimeToIso(String(at)), requestId: String(req) };
}

export async function openDuckDbLastSignIns(store: DuckDbStore): Promise<LastSignInStore> {
  for (const sql of DDL) await store.exec(sql);
  return {
    maintained: true,
    async isBuilt() {
      return (await store.rawQuery('SELECT 1 FROM _derived_state WHERE name = $1', [STATE])).length > 0;
    },
    async merge(rows, mark) {
      const marks: Array<readonly [string, unknown[]]> = mark ? [[MARK, [mark.tenantId, mark.seq]]] : [];
      if (rows.length || mark) await store.transaction([...insertStatements(rows, true), ...marks]);
    },
    async replace(tenantIds, rows, marks) {
      const del: Array<readonly [string, unknown[]]> = tenantIds === null
        ? [['DELETE FROM _last_sign_ins', []], ['DELETE FROM _last_sign_in_marks', []]]
        : tenantIds.flatMap((t): Array<readonly [string, unknown[]]> => [['DELETE FROM _last_sign_ins WHERE _tenant = $1', [t]], ['DELETE FROM _last_sign_in_marks WHERE _tenant = $1', [t]]]);
      await store.transaction([
        ...del,
        ...insertStatements(rows, false),
        ...[...marks].map(([t, seq]): readonly [string, unknown[]] => [MARK, [t, seq]]),
        ['INSERT INTO _derived_state VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET built_at = excluded.built_at', [STATE, new Date().toISOString()]],
      ]);
    },
    async lag() {
      // One pass over the sequence column: cheap next to any report, and it catches every writer
      // that bypassed the commit listener (offline tools, a crash between commit and merge).
      const rows = await store.rawQuery(
        'SELECT c._tenant AS t, c.s AS committed, coalesce(m.seq, 0) AS applied FROM (SELECT _tenant, max(_seq) AS s FROM sign_ins GROUP BY _tenant) AS c ' +
          'LEFT JOIN _last_sign_in_marks AS m ON m._tenant = c._tenant',
      );
      return new Map(rows.map((r) => [String(r['t']), { committed: Number(r['committed']), applied: Number(r['applied']) }]));
    },
    async list(tenantId: string, kind: PrincipalKind) {
      const rows = await store.rawQuery(`SELECT ${COLS.join(', ')} FROM _last_sign_ins WHERE _tenant = $1 AND kind = $2 ORDER BY id`, [tenantId, kind]);
      return rows.map((r) => {
        const name = ref(r, 'name');
        return {
          tenantId, kind, id: String(r['id']),
          name: name ? { ...name, value: r['name'] === null || r['name'] === undefined ? null : String(r['name']) } : null,
          last: ref(r, 'last'), lastNonInteractive: ref(r, 'lastni'), lastSuccessful: ref(r, 'lastok'),
        };
      });
    },
  };
}
