// The same workload on any LogStore: generated sign-ins appended in batches, then a few Graph-shaped
// queries timed. Returns figures; prints nothing and asserts nothing (bench/main.ts prints).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOG_KINDS, normalizeRecord } from '../src/model/index.ts';
import { agg, aggregate, and, cmp, desc, dt, eq, field, lambda, limit, lit, named, scan, sort, v, where, type Relation } from '../src/query/ir/index.ts';
import { ClickHouseStore, DuckDbStore, type LogStore, type PreparedRecord } from '../src/store/index.ts';

export interface StoreBenchFigures {
  readonly backend: string;
  readonly rows: number;
  readonly ingestRowsPerSec: number;
  readonly bytesOnDisk: number | null;
  readonly bytesPerRecord: number | null;
  /** Query name → { medianMs, p99Ms }. */
  readonly queries: Record<string, { medianMs: number; p99Ms: number }>;
  readonly rssMb: number;
}

export interface StoreBenchOptions {
  readonly rows?: number;
  readonly batch?: number;
  readonly repeats?: number;
}

const TENANT = 'bench-tenant';
const APPS = ['Office 365 Exchange Online', 'Azure Portal', 'Microsoft Teams', 'SharePoint Online', 'Graph Explorer'];
const START = Date.parse('2024-04-01T00:00:00Z');
const SPAN_MS = 30 * 86_400_000;

function batchOf(from: number, n: number, total: number): PreparedRecord[] {
  const out: PreparedRecord[] = [];
  for (let i = from; i < from + n; i++) {
    const t = new Date(START + Math.floor((i / total) * SPAN_MS)).toISOString().replace('Z', `${i % 10}Z`);
    const fail = i % 11 === 0;
    const r = normalizeRecord(LOG_KINDS.signIns.schema, {
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, createdDateTime: t,
      userPrincipalName: `user${i % 5000}@contoso.com`, userId: `uid-${i % 5000}`, userDisplayName: `User ${i % 5000}`,
      appDisplayName: APPS[i % APPS.length], appId: `app-${i % APPS.length}`, ipAddress: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
      clientAppUsed: 'Browser', correlationId: `corr-${i}`, conditionalAccessStatus: fail ? 'failure' : 'success',
      isInteractive: true, signInEventTypes: ['interactiveUser'], resourceDisplayName: 'Microsoft Graph',
      status: { errorCode: fail ? 50126 : 0, failureReason: fail ? 'Invalid username or password.' : null },
      deviceDetail: { browser: 'Edge 124.0', operatingSystem: 'Windows10', isCompliant: i % 3 === 0 },
      location: { city: 'Redmond', state: 'Washington', countryOrRegion: 'US', geoCoordinates: { latitude: 47.67, longitude: -122.12 } },
      appliedConditionalAccessPolicies: [{ id: 'pol-mfa', displayName: 'Require MFA', result: fail ? 'failure' : 'success', enforcedGrantControls: ['Mfa'] }],
    });
    out.push({ record: r.record, extra: r.extra });
  }
  return out;
}

function plans(): Record<string, Relation> {
  const s = scan('signIns', TENANT);
  const newest = [desc(field('createdDateTime')), desc(field('id'))];
  const lastDay = new Date(START + SPAN_MS - 86_400_000).toISOString();
  return {
    'list newest 50': limit(sort(s, newest), 51),
    'failures last day, 50': limit(sort(where(s, and(cmp('ne', field('status', 'errorCode'), lit(0, 'int')), cmp('ge', field('createdDateTime'), dt(lastDay)))), newest), 51),
    'count by app': aggregate(s, [named('app', field('appDisplayName'))], [named('n', agg('count'))]),
    'any(CA failure) count': aggregate(where(s, lambda('any', field('appliedConditionalAccessPolicies'), 'p', eq(v('p', 'result'), lit('failure')))), [], [named('n', agg('count'))]),
    'dcount users': aggregate(s, [], [named('users', agg('dcount', [field('userId')]))]),
  };
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length - 1) * p))]!;

export async function benchStore(store: LogStore, opts: StoreBenchOptions = {}): Promise<StoreBenchFigures> {
  const rows = opts.rows ?? 200_000;
  const batch = opts.batch ?? 50_000;
  let appendMs = 0;
  for (let i = 0; i < rows; i += batch) {
    const b = batchOf(i, Math.min(batch, rows - i), rows); // generation is not timed
    const t0 = performance.now();
    await store.append('signIns', TENANT, b);
    appendMs += performance.now() - t0;
  }
  if (store instanceof DuckDbStore) await store.checkpoint();
  const queries: StoreBenchFigures['queries'] = {};
  for (const [name, plan] of Object.entries(plans())) {
    const times: number[] = [];
    for (let r = 0; r < (opts.repeats ?? 10) + 1; r++) {
      const t0 = performance.now();
      if (name.startsWith('list') || name.startsWith('failures')) await store.readRecords('signIns', plan);
      else await store.query(plan);
      if (r > 0) times.push(performance.now() - t0); // the first run warms caches
    }
    queries[name] = { medianMs: +pct(times, 0.5).toFixed(1), p99Ms: +pct(times, 0.99).toFixed(1) };
  }
  const st = await store.stats();
  return {
    backend: store.backend, rows, ingestRowsPerSec: Math.round(rows / (appendMs / 1000)),
    bytesOnDisk: st.bytesOnDisk, bytesPerRecord: st.bytesOnDisk === null ? null : +(st.bytesOnDisk / rows).toFixed(1),
    queries, rssMb: Math.round(process.memoryUsage().rss / 1e6),
  };
}

/** ClickHouse at `url` (a fresh database, dropped afterwards). */
export async function benchClickhouse(url: string, opts: StoreBenchOptions = {}): Promise<StoreBenchFigures> {
  const database = `idtrail_bench_${process.pid}`;
  const store = await ClickHouseStore.open({ url, database });
  try {
    return await benchStore(store, opts);
  } finally {
    await store.rawQuery(`SELECT 1`).catch(() => undefined);
    await store.close();
    const { createClient } = await import('@clickhouse/client');
    const c = createClient({ url });
    await c.command({ query: `DROP DATABASE IF EXISTS ${database}` }).catch(() => undefined);
    await c.close();
  }
}

/** The embedded store in a temporary directory. */
export async function benchDuckdb(opts: StoreBenchOptions = {}): Promise<StoreBenchFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'idtrail-bench-'));
  const store = await DuckDbStore.open({ dataDir: dir });
  try {
    return await benchStore(store, opts);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
