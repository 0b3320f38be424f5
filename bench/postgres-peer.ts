// The peer: what teams build instead. A private PostgreSQL 15 cluster (Debian's package) started on
// 127.0.0.1 at a random port in a temp dir, with the settings and both schemas of
// notes/postgres-peer.md: B (typed columns + B-tree indexes) serves the query comparisons, A
// (Keycloak-style jsonb events table with a GIN index) is loaded for its cost and size.
import { spawn, spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync, appendFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { round } from './bench-stats.ts';
import type { PeerDb } from './bench-context.ts';
import { lineBatches, type Dataset } from './dataset.ts';
import type { Figure } from './figures.ts';

export interface PostgresPeer extends PeerDb {
  /** Schema B records per second from the first COPY row to queryable (indexes + VACUUM ANALYZE). */
  readonly loadRate: number;
  readonly figures: Figure[];
  stop(): Promise<void>;
}

const BIN = '/usr/lib/postgresql/15/bin';
const SETTINGS = `
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
shared_buffers = 6GB
work_mem = 64MB
maintenance_work_mem = 1GB
max_parallel_workers_per_gather = 2
max_parallel_maintenance_workers = 2
effective_cache_size = 18GB
random_page_cost = 1.1
effective_io_concurrency = 200
max_wal_size = 8GB
checkpoint_timeout = 30min
timezone = 'UTC'
`;

const freePort = () => new Promise<number>((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const p = (s.address() as { port: number }).port;
    s.close(() => resolve(p));
  });
});

/** As the postgres user when we are root (initdb refuses root), else as ourselves. */
function asPg(cmd: string, args: string[]): void {
  const root = process.getuid?.() === 0;
  const r = spawnSync(root ? 'runuser' : join(BIN, cmd), root ? ['-u', 'postgres', '--', join(BIN, cmd), ...args] : args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
}

const esc = (v: unknown): string => (v === null || v === undefined || v === '' ? '\\N' : String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r'));

type Rec = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- free-form Graph JSON
const ROW_B = (r: Rec, line: string) => [r.id, r.createdDateTime, r.userPrincipalName, r.userId, r.appId, r.appDisplayName, r.ipAddress, r.status?.errorCode,
  r.location?.city, r.location?.countryOrRegion, r.deviceDetail?.browser, r.deviceDetail?.operatingSystem, r.signInEventTypes?.[0], r.riskLevelDuringSignIn, line];
const ROW_A = (r: Rec, line: string) => [r.id, r.createdDateTime, r.userId, r.status?.errorCode === 0 ? 'LOGIN' : 'LOGIN_ERROR', line];

/** Transform NDJSON to COPY text in this process and pipe it into psql's \copy, as the note did. */
async function copyInto(port: number, table: string, ds: Dataset, row: (r: Rec, line: string) => unknown[]): Promise<number> {
  const psql = spawn('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'signins', '-v', 'ON_ERROR_STOP=1', '-c', `\\copy ${table} FROM pstdin`], { stdio: ['pipe', 'ignore', 'pipe'] });
  let err = '';
  psql.stderr.on('data', (d) => (err += d));
  const done = new Promise<number | null>((r) => psql.on('close', r));
  let n = 0;
  for await (const lines of lineBatches(ds.file('signIns'), 2_000)) {
    const text = lines.map((l) => row(JSON.parse(l) as Rec, l).map(esc).join('\t')).join('\n') + '\n';
    n += lines.length;
    if (!psql.stdin.write(text)) await new Promise((r) => psql.stdin.once('drain', r));
  }
  psql.stdin.end();
  if ((await done) !== 0) throw new Error(`COPY into ${table} failed: ${err}`);
  return n;
}

export async function startPostgresPeer(ds: Dataset, log: (s: string) => void): Promise<PostgresPeer> {
  const dir = mkdtempSync(join(tmpdir(), 'idtrail-pg-'));
  if (process.getuid?.() === 0) chownSync(dir, Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim()), Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim()));
  const data = join(dir, 'data');
  const port = await freePort();
  log(`peer: PostgreSQL 15 cluster in ${dir} on 127.0.0.1:${port} …`);
  asPg('initdb', ['-D', data, '-E', 'UTF8', '--locale=C.UTF-8', '--auth=trust']);
  appendFileSync(data + '/postgresql.conf', `${SETTINGS}port = ${port}\n`);
  asPg('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', 'start']);
  const stop = async () => {
    try {
      asPg('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
    await admin.connect();
    await admin.query('CREATE DATABASE signins');
    await admin.end();
    const c = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'signins' });
    await c.connect();
    await c.query(`CREATE EXTENSION pg_prewarm`);
    await c.query(`CREATE TABLE events_a (id text NOT NULL, time timestamptz NOT NULL, user_id text, type text NOT NULL, details jsonb NOT NULL)`);
    await c.query(`CREATE TABLE signins_b (id text NOT NULL, created timestamptz NOT NULL, user_principal_name text, user_id text, app_id text, app_display_name text,
      ip_address inet, error_code int, city text, country text, browser text, os text, event_type text, risk_level text, record jsonb NOT NULL)`);
    const timed = async (what: string, fn: () => Promise<unknown>) => {
      const t0 = performance.now();
      await fn();
      const s = (performance.now() - t0) / 1000;
      log(`peer: ${what} ${s.toFixed(1)} s`);
      return s;
    };
    const sizeOf = async (t: string) => Number((await c.query(`SELECT pg_total_relation_size('${t}') AS b`)).rows[0].b);
    await c.query('CHECKPOINT');
    let n = 0;
    const bCopy = await timed('schema B COPY', async () => (n = await copyInto(port, 'signins_b', ds, ROW_B)));
    const bIdx = await timed('schema B indexes + VACUUM ANALYZE', async () => {
      for (const ddl of ['ALTER TABLE signins_b ADD PRIMARY KEY (id)', 'CREATE INDEX ON signins_b (created)', 'CREATE INDEX ON signins_b (user_principal_name, created)',
        'CREATE INDEX ON signins_b (error_code, created)', 'VACUUM (ANALYZE) signins_b']) await c.query(ddl);
    });
    await c.query('CHECKPOINT');
    // Schema A serves no query comparison (B is the stronger peer) and costs more to load than B,
    // so large runs skip it unless asked.
    const withA = ds.size === 'quick' || process.env['IDTRAIL_BENCH_PEER_A'] === '1';
    const aCopy = withA ? await timed('schema A COPY', () => copyInto(port, 'events_a', ds, ROW_A)) : NaN;
    const aIdx = withA ? await timed('schema A indexes + VACUUM ANALYZE', async () => {
      for (const ddl of ['ALTER TABLE events_a ADD PRIMARY KEY (id)', 'CREATE INDEX ON events_a (time)', 'CREATE INDEX ON events_a (user_id, time)',
        'CREATE INDEX ON events_a USING gin (details jsonb_path_ops)', 'VACUUM (ANALYZE) events_a']) await c.query(ddl);
    }) : NaN;
    await c.query('CHECKPOINT');
    for (const t of ['signins_b', 'events_a']) {
      await c.query(`SELECT pg_prewarm(c.oid::regclass) FROM pg_class c WHERE c.relname = $1 OR c.oid IN (SELECT indexrelid FROM pg_index WHERE indrelid = $1::regclass)
        OR c.oid = (SELECT reltoastrelid FROM pg_class WHERE relname = $1)`, [t]);
    }
    const [bBytes, aBytes] = [await sizeOf('signins_b'), await sizeOf('events_a')];
    const loadRate = n / (bCopy + bIdx);
    const f = (name: string, unit: string, value: number, note?: string): Figure => ({ section: 'peer (PostgreSQL 15)', name, unit, value: round(value), better: unit === 'rec/s' ? 'higher' : 'lower', ...(note ? { note } : {}) });
    const figures = [
      f('B typed: COPY → queryable', 'rec/s', loadRate, `COPY ${Math.round(n / bCopy)}/s, then indexes + VACUUM ANALYZE ${bIdx.toFixed(1)} s; ${n.toLocaleString('en-US')} records`),
      f('B typed: bytes on disk per record', 'B/rec', bBytes / n),
      f('A jsonb events: COPY → queryable', 'rec/s', n / (aCopy + aIdx), `COPY ${Math.round(n / aCopy)}/s, then indexes (GIN) + VACUUM ANALYZE ${aIdx.toFixed(1)} s`),
      f('A jsonb events: bytes on disk per record', 'B/rec', aBytes / n),
    ];
    return {
      loadRate, figures, bytesPerRecord: bBytes / n, stop: async () => {
        await c.end();
        await stop();
      },
      query: async (sql, params) => (await c.query(sql, params as unknown[])).rows as Record<string, unknown>[],
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
