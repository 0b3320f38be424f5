// AdminStore on the embedded DuckDB file, sharing the LogStore's writer queue so admin writes,
// chain bookkeeping and appends never interleave half-way. Every statement is parameterised.
import type { LogKind } from '../../model/index.ts';
import type { AdminStore, ApiKeyRow, ChainBaseRow, RedactionRow, RetentionRow, TenantRow } from '../admin-store.ts';
import type { ChainAnchorRow } from '../log-store.ts';
import type { DuckDbStore } from './duckdb-store.ts';
import { CHAIN_BASES_SQL, CHAIN_REDACTIONS_SQL } from './duckdb-schema.ts';

const DDL = [
  'CREATE TABLE IF NOT EXISTS _tenants (id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, tier VARCHAR NOT NULL, created VARCHAR NOT NULL)',
  'CREATE TABLE IF NOT EXISTS _api_keys (id VARCHAR PRIMARY KEY, _tenant VARCHAR NOT NULL, name VARCHAR NOT NULL, roles VARCHAR NOT NULL, ' +
    'hash VARCHAR NOT NULL, created VARCHAR NOT NULL, expires VARCHAR, revoked VARCHAR)',
  'CREATE TABLE IF NOT EXISTS _retention (_tenant VARCHAR NOT NULL, kind VARCHAR NOT NULL, days INTEGER NOT NULL, PRIMARY KEY (_tenant, kind))',
  CHAIN_BASES_SQL,
  CHAIN_REDACTIONS_SQL,
];

type Row = Record<string, unknown>;
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

const tenant = (r: Row): TenantRow => ({ id: String(r['id']), name: String(r['name']), tier: r['tier'] === 'free' ? 'free' : 'premium', created: String(r['created']) });
const key = (r: Row): ApiKeyRow => ({
  id: String(r['id']), tenantId: String(r['_tenant']), name: String(r['name']), roles: JSON.parse(String(r['roles'])) as string[],
  hash: String(r['hash']), created: String(r['created']), expires: str(r['expires']), revoked: str(r['revoked']),
});
const anchor = (r: Row): ChainAnchorRow => ({ seqFrom: Number(r['seq_from']), seqTo: Number(r['seq_to']), link: String(r['link']), prints: String(r['prints']) });

export async function openDuckDbAdminStore(store: DuckDbStore): Promise<AdminStore> {
  for (const sql of DDL) await store.exec(sql);
  const q = (sql: string, params: unknown[] = []) => store.rawQuery(sql, params);
  return {
    async createTenant(t) {
      await store.exec('INSERT INTO _tenants VALUES ($1, $2, $3, $4)', [t.id, t.name, t.tier, t.created]);
    },
    async getTenant(id) {
      const [r] = await q('SELECT * FROM _tenants WHERE id = $1', [id]);
      return r ? tenant(r) : null;
    },
    async listTenants() {
      return (await q('SELECT * FROM _tenants ORDER BY created, id')).map(tenant);
    },
    async setTenantTier(id, tier) {
      await store.exec('UPDATE _tenants SET tier = $2 WHERE id = $1', [id, tier]);
    },
    async createKey(k) {
      await store.exec('INSERT INTO _api_keys VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
        k.id, k.tenantId, k.name, JSON.stringify(k.roles), k.hash, k.created, k.expires, k.revoked,
      ]);
    },
    async getKey(id) {
      const [r] = await q('SELECT * FROM _api_keys WHERE id = $1', [id]);
      return r ? key(r) : null;
    },
    async listKeys(tenantId) {
      const rows = tenantId === null ? await q('SELECT * FROM _api_keys ORDER BY created, id') : await q('SELECT * FROM _api_keys WHERE _tenant = $1 ORDER BY created, id', [tenantId]);
      return rows.map(key);
    },
    async revokeKey(tenantId, id, at) {
      const r = await store.exec('UPDATE _api_keys SET revoked = $3 WHERE _tenant = $1 AND id = $2 AND revoked IS NULL RETURNING id', [tenantId, id, at]);
      return r.length > 0;
    },
    async countActiveKeys(now) {
      const [r] = await q('SELECT count(*) AS n FROM _api_keys WHERE revoked IS NULL AND (expires IS NULL OR expires > $1)', [now]);
      return Number(r?.['n'] ?? 0);
    },
    async setRetention(tenantId, kind, days) {
      if (days === null) await store.exec('DELETE FROM _retention WHERE _tenant = $1 AND kind = $2', [tenantId, kind]);
      else await store.exec('INSERT OR REPLACE INTO _retention VALUES ($1, $2, $3)', [tenantId, kind, days]);
    },
    async listRetention(tenantId) {
      return (await q('SELECT * FROM _retention WHERE _tenant = $1 ORDER BY kind', [tenantId])).map(
        (r): RetentionRow => ({ tenantId: String(r['_tenant']), kind: String(r['kind']) as LogKind, days: Number(r['days']) }),
      );
    },
    async listAnchors(tenantId, kind, fromSeq, toSeq) {
      const rows = await q(
        'SELECT seq_from, seq_to, link, prints FROM _chain_anchors WHERE _tenant = $1 AND kind = $2 AND seq_to >= $3 AND seq_from <= $4 ORDER BY seq_from',
        [tenantId, kind, fromSeq, toSeq],
      );
      return rows.map(anchor);
    },
    async lastAnchor(tenantId, kind) {
      const [r] = await q('SELECT seq_from, seq_to, link, prints FROM _chain_anchors WHERE _tenant = $1 AND kind = $2 ORDER BY seq_to DESC LIMIT 1', [tenantId, kind]);
      return r ? anchor(r) : null;
    },
    async addAnchor(tenantId, kind, a) {
      await store.exec('INSERT INTO _chain_anchors VALUES ($1, $2, $3, $4, $5, $6, now()::TIMESTAMP)', [tenantId, kind, a.seqFrom, a.seqTo, a.link, a.prints]);
    },
    async getBase(tenantId, kind) {
      const [r] = await q('SELECT * FROM _chain_bases WHERE _tenant = $1 AND kind = $2', [tenantId, kind]);
      return r
        ? { tenantId, kind, seq: Number(r['seq']), link: String(r['link']), at: String(r['at_time']), signature: String(r['signature']) }
        : null;
    },
    async listRedactions(tenantId, kind, fromSeq, toSeq) {
      const rows = await q('SELECT seq, digest, signature FROM _chain_redactions WHERE _tenant = $1 AND kind = $2 AND seq BETWEEN $3 AND $4 ORDER BY seq', [tenantId, kind, fromSeq, toSeq]);
      return rows.map((r): RedactionRow => ({ tenantId, kind, seq: Number(r['seq']), digest: String(r['digest']), signature: String(r['signature']) }));
    },
    async recordRetention(base: ChainBaseRow | null, redactions: readonly RedactionRow[]) {
      const st: Array<readonly [string, unknown[]]> = redactions.map((r) => [
        'INSERT INTO _chain_redactions VALUES ($1, $2, $3, $4, $5)', [r.tenantId, r.kind, r.seq, r.digest, r.signature],
      ] as const);
      if (base) {
        const b = [base.tenantId, base.kind];
        st.push(['INSERT OR REPLACE INTO _chain_bases VALUES ($1, $2, $3, $4, $5, $6)', [...b, base.seq, base.link, base.at, base.signature]]);
        // Anchors wholly behind the base and redactions at or behind it are no longer needed to verify.
        st.push(['DELETE FROM _chain_anchors WHERE _tenant = $1 AND kind = $2 AND seq_to <= $3', [...b, base.seq]]);
        st.push(['DELETE FROM _chain_redactions WHERE _tenant = $1 AND kind = $2 AND seq <= $3', [...b, base.seq]]);
      }
      if (st.length) await store.transaction(st);
    },
    async chainedStreams() {
      const rows = await q('SELECT DISTINCT _tenant, kind FROM _chain_anchors UNION SELECT _tenant, kind FROM _chain_bases ORDER BY 1, 2');
      return rows.map((r) => ({ tenantId: String(r['_tenant']), kind: String(r['kind']) as LogKind }));
    },
  };
}
