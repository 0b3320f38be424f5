// Runs the sections in the order the lead needs them: ingest first (it needs no loaded database),
// then everything that reads the cached, loaded dataset through a runtime on 127.0.0.1.
// Sections owned by other branches (OData, reports, KQL) are imported dynamically so the harness
// runs before they exist.
import { signInTableBytesPerRow } from './storage-breakdown.ts';
import { createRuntime } from '../src/runtime/runtime.ts';
import { DuckDbStore } from '../src/store/index.ts';
import { timeRuns, latency } from './bench-stats.ts';
import type { BenchContext, PeerDb, SectionBench } from './bench-context.ts';
import type { Dataset } from './dataset.ts';
import type { Figure } from './figures.ts';
import { printTable } from './report.ts';
import { benchIngest } from './ingest-bench.ts';
import { benchQueries } from './query-bench.ts';
import { benchConcurrency, benchFreshness } from './live-bench.ts';
import { benchResources } from './resources-bench.ts';
import { ensureQueryDb, TENANT, workingCopy } from './store-load.ts';
import { startPostgresPeer, type PostgresPeer } from './postgres-peer.ts';
import { ClickHouseSide, sideBySide } from './clickhouse-side.ts';
import { chQueries, chResources } from './clickhouse-queries.ts';
import { ClickHouseStore } from '../src/store/index.ts';

export const SECTIONS = ['ingest', 'queries', 'odata', 'reports', 'kql', 'freshness', 'concurrency', 'resources'] as const;

export interface RunOptions {
  readonly ds: Dataset;
  readonly only: ReadonlySet<string>;
  readonly quick: boolean;
  readonly peer: boolean;
  readonly runs: number;
  /** Measure ingest, queries and resources on ClickHouse too (the server at clickhouseUrl, or a private one). */
  readonly clickhouse: boolean;
  readonly clickhouseUrl?: string;
  readonly log: (s: string) => void;
  readonly emit: (f: Figure[]) => void;
}

/** A bench from another branch, or null while it has not landed. */
async function optional(file: string, exported: string): Promise<SectionBench | null> {
  try {
    const m = (await import(file)) as Record<string, unknown>;
    return typeof m[exported] === 'function' ? (m[exported] as SectionBench) : null;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' && String((e as Error).message).includes(file.slice(2))) return null;
    throw e;
  }
}

export async function runSections(o: RunOptions): Promise<void> {
  const show = (f: Figure[]) => {
    o.emit(f);
    printTable(f, (s) => process.stderr.write(s + '\n'));
  };
  let pg: PostgresPeer | null = null;
  let ch: ClickHouseSide | null = null;
  try {
    if (o.peer) pg = await startPostgresPeer(o.ds, o.log);
    if (o.clickhouse) ch = await ClickHouseSide.start(o.clickhouseUrl, o.log);
    if (o.only.has('ingest')) {
      // --quick keeps ingest under a minute at today's rates so the lead can iterate on it.
      const records = Math.min(o.ds.counts.signIns, o.quick ? 30_000 : 300_000);
      const opts = { records, batch: 5_000, clients: 3, log: o.log };
      const duck = await benchIngest(o.ds, opts, pg?.loadRate ?? null);
      show(ch ? sideBySide(duck, await ch.ingest(o.ds, opts)) : duck);
    }
    if (pg) show(pg.figures);
    const reading = SECTIONS.filter((s) => s !== 'ingest' && o.only.has(s));
    if (!reading.length) return;
    const db = await ensureQueryDb(o.ds, o.log);
    const build: Figure[] = db.build ? [{ section: 'ingest', name: 'full load through the ingest service (query database build)', unit: 'rec/s', value: Math.round(db.build.records / db.build.wallS), better: 'higher', note: `${db.build.records} sign-ins` }] : [];
    // ClickHouse serves the sections it has twins for; the others stay DuckDB-only.
    const chq = ch && (o.only.has('queries') || o.only.has('resources')) ? await ch.queryRuntime(o.ds) : null;
    const chBuild = chq?.build ? [chq.build] : [];
    if (build.length || chBuild.length) show(sideBySide(build, chBuild));
    const copy = workingCopy(db.cachedDir);
    const rt = await createRuntime({ dataDir: copy.dir, defaultTenant: TENANT, logger: false });
    try {
      const baseUrl = await rt.app.listen({ host: '127.0.0.1', port: 0 });
      // Bytes per sign-in where the table is big enough for row groups to fill: the ingest section's
      // 300k-record store still pays its half-filled last row group and block tails.
      const onDisk = await signInTableBytesPerRow((sql) => (rt.store as DuckDbStore).rawQuery(sql));
      show([{ section: 'ingest', name: 'sign-ins table on disk (query database)', unit: 'B/rec', value: Math.round(onDisk.bytesPerRow * 10) / 10, better: 'lower', target: { op: '<=', value: 150 }, note: `${onDisk.rows} sign-ins loaded through the ingest service` }]);
      const ctx: BenchContext = {
        dataset: o.ds, store: rt.store as DuckDbStore, baseUrl, tenantId: TENANT, runs: o.runs, quick: o.quick, log: o.log,
        peer: pg as PeerDb | null,
        time: async (fn) => latency(await timeRuns(fn, o.runs)),
        get: async (path) => {
          const res = await fetch(baseUrl + path);
          const body = (await res.json()) as { error?: { message?: string } };
          if (!res.ok) throw new Error(`HTTP ${res.status}: ${body.error?.message ?? JSON.stringify(body).slice(0, 200)}`);
          return body;
        },
      };
      const table: Record<string, () => Promise<SectionBench | null>> = {
        queries: async () => benchQueries,
        odata: () => optional('./odata-bench.ts', 'odataSection'),
        reports: () => optional('./reports-bench.ts', 'benchReports'),
        kql: () => optional('./kql-bench.ts', 'kqlSection'),
        freshness: async () => benchFreshness,
        concurrency: async () => benchConcurrency,
        resources: async () => benchResources,
      };
      for (const s of reading) {
        const bench = await table[s]!();
        if (!bench) {
          o.log(`${s}: not on this branch yet (bench/${s}-bench.ts), skipped`);
          continue;
        }
        const duck = await bench(ctx);
        const chStore = chq?.rt.store as ClickHouseStore | undefined;
        if (chq && chStore && s === 'queries') show(sideBySide(duck, await chQueries(ctx, chq.baseUrl, chStore)));
        else if (chStore && s === 'resources') show(sideBySide(duck, await chResources(chStore)));
        else show(duck);
      }
    } finally {
      await rt.close();
      await chq?.close();
      copy.remove();
    }
  } finally {
    await pg?.stop();
    await ch?.close();
  }
}
