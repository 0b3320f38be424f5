// `npm run bench -- --store clickhouse`: the ingest, queries and resources sections measured again
// on a ClickHouse store, each figure under the same name as its DuckDB twin so report.ts prints
// them side by side (sideBySide). The server is the one at --clickhouse-url, or a private
// clickhouse-server on 127.0.0.1 whose data lives in bench/.cache/clickhouse (the loaded query
// database survives between runs, as DuckDB's cached file does) and which is stopped at the end.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { ClickHouseLogLevel, createClient, type ClickHouseClient } from '@clickhouse/client';
import { LOG_KINDS, normalizeRecord } from '../src/model/index.ts';
import { ClickHouseStore } from '../src/store/index.ts';
import { clickhouseLayout } from '../src/store/clickhouse/clickhouse-layout.ts';
import { startClickHouseServer } from '../src/store/conformance/clickhouse-test-server.ts';
import { createRuntime, type Runtime } from '../src/runtime/runtime.ts';
import { ResourceSampler, round } from './bench-stats.ts';
import { CACHE, lineBatches, sourceHash, type Dataset } from './dataset.ts';
import type { Figure } from './figures.ts';
import { postBatches, type IngestOptions } from './ingest-bench.ts';
import { ingestEveryKind, loadStoreDirect, TENANT } from './store-load.ts';

/** DuckDB's figures with ClickHouse's value and p99 of the same name added; ClickHouse-only figures appended. */
export function sideBySide(duck: readonly Figure[], ch: readonly Figure[]): Figure[] {
  const byName = new Map(ch.map((f) => [`${f.section}\u0000${f.name}`, f]));
  const out = duck.map((f) => {
    const c = byName.get(`${f.section}\u0000${f.name}`);
    byName.delete(`${f.section}\u0000${f.name}`);
    return c ? { ...f, clickhouse: c.value, clickhouseP99: c.p99 ?? null, ...(c.note ? { note: [f.note, `ClickHouse: ${c.note}`].filter(Boolean).join('; ') } : {}) } : f;
  });
  return [...out, ...[...byName.values()].map((c) => ({ ...c, value: null, clickhouse: c.value, clickhouseP99: c.p99 ?? null }))];
}

export class ClickHouseSide {
  private constructor(readonly url: string, private readonly admin: ClickHouseClient, private readonly stopServer: () => Promise<void>, private readonly log: (s: string) => void) {}

  static async start(url: string | undefined, log: (s: string) => void): Promise<ClickHouseSide> {
    let stop = async (): Promise<void> => undefined;
    if (!url) {
      const srv = await startClickHouseServer(join(CACHE, 'clickhouse'));
      log(`clickhouse-server started on ${srv.url} (data in bench/.cache/clickhouse)`);
      url = srv.url;
      stop = srv.stop;
    }
    // DROP DATABASE of a loaded query database can take minutes on a busy host; failures of the
    // drops are ignored (a leftover database is harmless), so the client's own logging is off.
    const admin = createClient({ url, compression: { request: false, response: false }, request_timeout: 600_000, log: { level: ClickHouseLogLevel.OFF } });
    const version = await admin.query({ query: 'SELECT version() AS v', format: 'JSONEachRow' }).then((r) => r.json<{ v: string }>());
    log(`ClickHouse ${version[0]?.v ?? '?'} at ${url}`);
    return new ClickHouseSide(url, admin, stop, log);
  }

  /** A fresh database for one measurement; dropped by `drop`. */
  private scratchDb(tag: string): string {
    return `idtrail_bench_${tag}_${process.pid}_${Date.now()}`;
  }

  private async drop(db: string): Promise<void> {
    await this.admin.command({ query: `DROP DATABASE IF EXISTS ${db}` }).catch(() => undefined);
  }

  /** The figures of benchIngest, on ClickHouse (same records, same batches). */
  async ingest(ds: Dataset, o: IngestOptions): Promise<Figure[]> {
    const n = Math.min(o.records, ds.counts.signIns);
    const S = 'ingest';
    const fig = (name: string, unit: string, value: number, extra: Partial<Figure> = {}): Figure => ({ section: S, name, unit, value: round(value), better: 'higher', ...extra });
    this.log(`ingest (ClickHouse): engine floor, the server inserting the store's own JSONEachRow lines …`);
    const floor = await this.serverOnlyInsert(ds, n, o.batch);
    this.log(`ingest (ClickHouse): store-direct, batches of ${o.batch} …`);
    const direct = this.scratchDb('direct');
    let d: { rate: number; appendRate: number; prepareRate: number; cpu: number; rss: number; bpr: number | null };
    const store = await ClickHouseStore.open({ url: this.url, database: direct });
    try {
      const rs = new ResourceSampler().start();
      const f = await loadStoreDirect(store, ds, 'signIns', o.batch, n);
      const r = rs.stop();
      const st = await store.stats();
      d = { rate: f.records / f.wallS, appendRate: f.records / f.appendS, prepareRate: f.records / f.prepareS, cpu: r.cpuCores, rss: r.peakRssMb, bpr: st.bytesOnDisk === null ? null : st.bytesOnDisk / f.records };
    } finally {
      await store.close();
      await this.drop(direct);
    }
    this.log(`ingest (ClickHouse): HTTP, ${o.clients} clients × ${o.batch}-record NDJSON batches …`);
    const http = this.scratchDb('http');
    const dir = mkdtempSync(join(tmpdir(), 'idtrail-http-ch-'));
    let h: { rate: number; cpu: number; rss: number };
    const rt = await createRuntime({ dataDir: dir, store: { backend: 'clickhouse', url: this.url, database: http }, defaultTenant: TENANT, logger: false });
    try {
      const address = await rt.app.listen({ host: '127.0.0.1', port: 0 });
      const rs = new ResourceSampler().start();
      const t0 = performance.now();
      const sent = await postBatches(address, lineBatches(ds.file('signIns'), o.batch, n), o.clients);
      const s = (performance.now() - t0) / 1000;
      const r = rs.stop();
      h = { rate: sent / s, cpu: r.cpuCores, rss: r.peakRssMb };
    } finally {
      await rt.close();
      rmSync(dir, { recursive: true, force: true });
      await this.drop(http);
    }
    return [
      fig('engine floor: DuckDB read_json → typed table', 'rec/s', floor, { note: 'server-only INSERT … FORMAT JSONEachRow of pre-encoded rows' }),
      fig(`store-direct append (batch ${o.batch})`, 'rec/s', d.rate, { note: `parse+normalize ${Math.round(d.prepareRate)}/s, append ${Math.round(d.appendRate)}/s` }),
      fig('store-direct CPU', 'cores', d.cpu, { better: 'lower', note: 'this process only; the server runs beside it' }),
      fig('store-direct peak RSS', 'MB', d.rss, { better: 'lower' }),
      fig(`HTTP ingest end-to-end (${o.clients} clients × ${o.batch})`, 'rec/s', h.rate),
      fig('HTTP ingest CPU (server + clients)', 'cores', h.cpu, { better: 'lower' }),
      fig('HTTP ingest peak RSS', 'MB', h.rss, { better: 'lower' }),
      fig('sign-in bytes on disk after ingest', 'B/rec', d.bpr ?? NaN, { better: 'lower' }),
    ];
  }

  /** The ceiling for store-direct: rows already encoded, the server only parses and writes parts. */
  private async serverOnlyInsert(ds: Dataset, n: number, batch: number): Promise<number> {
    const db = this.scratchDb('floor');
    const store = await ClickHouseStore.open({ url: this.url, database: db });
    await store.close();
    const layout = clickhouseLayout(LOG_KINDS.signIns);
    const client = createClient({ url: this.url, database: db, compression: { request: false, response: false } });
    try {
      let ms = 0;
      let seq = 0;
      for await (const lines of lineBatches(ds.file('signIns'), batch, n)) {
        const body = lines.map((l) => {
          const r = normalizeRecord(LOG_KINDS.signIns.schema, JSON.parse(l));
          seq += 1;
          return layout.encodeLine(r.record, { tenant: TENANT, seq, idh: seq, ingestedSec: 0, extra: r.extra });
        }).join('');
        const t0 = performance.now();
        const res = await client.exec({ query: `INSERT INTO ${layout.def.table} FORMAT JSONEachRow`, values: Readable.from([body], { objectMode: false }) });
        for await (const _ of res.stream) void _;
        ms += performance.now() - t0;
      }
      return seq / (ms / 1000);
    } finally {
      await client.close();
      await this.drop(db);
    }
  }

  /**
   * A runtime on the query database: every kind of the dataset loaded through the ingest service
   * (enrichment off, as for DuckDB's). Kept between runs under a name keyed by the dataset and the
   * store sources; a marker table written last says the load completed.
   */
  async queryRuntime(ds: Dataset): Promise<{ rt: Runtime; baseUrl: string; build: Figure | null; close: () => Promise<void> }> {
    const prefix = `idtrail_bench_q_${ds.size}_`;
    const db = `${prefix}${ds.hash}_${sourceHash(['src/store', 'src/ingest', 'src/integrity'])}`;
    const complete = (await this.admin.query({ query: `SELECT count() AS n FROM system.tables WHERE database = '${db}' AND name = 'bench_complete'`, format: 'JSONEachRow' }).then((r) => r.json<{ n: string }>()))[0]?.n === '1';
    if (!complete) {
      const dbs = await this.admin.query({ query: `SELECT name FROM system.databases WHERE startsWith(name, '${prefix}')`, format: 'JSONEachRow' }).then((r) => r.json<{ name: string }>());
      for (const d of dbs) await this.drop(d.name);
    }
    const dir = mkdtempSync(join(tmpdir(), 'idtrail-bench-ch-'));
    const rt = await createRuntime({ dataDir: dir, store: { backend: 'clickhouse', url: this.url, database: db }, defaultTenant: TENANT, logger: false, enrich: false });
    let build: Figure | null = null;
    if (!complete) {
      this.log(`loading the ClickHouse query database ${db} (ingest service, enrichment off, every kind) …`);
      const signIns = await ingestEveryKind(rt.ingest, ds);
      build = { section: 'ingest', name: 'full load through the ingest service (query database build)', unit: 'rec/s', value: Math.round(signIns.records / signIns.wallS), better: 'higher', note: `${signIns.records} sign-ins` };
      await this.admin.command({ query: `CREATE TABLE ${db}.bench_complete (x UInt8) ENGINE = TinyLog` });
    }
    const baseUrl = await rt.app.listen({ host: '127.0.0.1', port: 0 });
    return { rt, baseUrl, build, close: async () => {
      await rt.close();
      rmSync(dir, { recursive: true, force: true });
    } };
  }

  async close(): Promise<void> {
    await this.admin.close();
    await this.stopServer();
  }
}
