// Runs the sections in the order the lead needs them: ingest first (it needs no loaded database),
// then everything that reads the cached, loaded dataset through a runtime on 127.0.0.1.
// Sections owned by other branches (OData, reports, KQL) are imported dynamically so the harness
// runs before they exist.
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

export const SECTIONS = ['ingest', 'queries', 'odata', 'reports', 'kql', 'freshness', 'concurrency', 'resources'] as const;

export interface RunOptions {
  readonly ds: Dataset;
  readonly only: ReadonlySet<string>;
  readonly quick: boolean;
  readonly peer: boolean;
  readonly runs: number;
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
  try {
    if (o.peer) pg = await startPostgresPeer(o.ds, o.log);
    if (o.only.has('ingest')) {
      // --quick keeps ingest under a minute at today's rates so the lead can iterate on it.
      const records = Math.min(o.ds.counts.signIns, o.quick ? 30_000 : 300_000);
      show(await benchIngest(o.ds, { records, batch: 5_000, clients: 3, log: o.log }, pg?.loadRate ?? null));
    }
    if (pg) show(pg.figures);
    const reading = SECTIONS.filter((s) => s !== 'ingest' && o.only.has(s));
    if (!reading.length) return;
    const db = await ensureQueryDb(o.ds, o.log);
    if (db.build) show([{ section: 'ingest', name: 'full load through the ingest service (query database build)', unit: 'rec/s', value: Math.round(db.build.records / db.build.wallS), better: 'higher', note: `${db.build.records} sign-ins` }]);
    const copy = workingCopy(db.cachedDir);
    const rt = await createRuntime({ dataDir: copy.dir, defaultTenant: TENANT, logger: false });
    try {
      const baseUrl = await rt.app.listen({ host: '127.0.0.1', port: 0 });
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
        show(await bench(ctx));
      }
    } finally {
      await rt.close();
      copy.remove();
    }
  } finally {
    await pg?.stop();
  }
}
