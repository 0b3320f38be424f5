// Ingest: the engine floor (DuckDB's own NDJSON reader into the typed table), store-direct appends,
// and HTTP POST /ingest with NDJSON batches from a few concurrent clients on loopback. Every figure
// carries the dataset's bytes per record: a 5 KB beta record and a 1.5 KB one are different loads.
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { LOG_KINDS } from '../src/model/index.ts';
import { DuckDbStore } from '../src/store/index.ts';
// Deep import on purpose: the floor must use the store's own column types, and only the bench needs them.
import { duckType } from '../src/store/duckdb/duckdb-schema.ts';
import { createRuntime } from '../src/runtime/runtime.ts';
import { lineBatches, type Dataset } from './dataset.ts';
import { ResourceSampler, round } from './bench-stats.ts';
import { ge, type Figure } from './figures.ts';
import { loadStoreDirect, TENANT } from './store-load.ts';
import { postFile } from './http-clients.ts';

export interface IngestOptions {
  readonly records: number;
  readonly batch: number;
  readonly clients: number;
  readonly log: (s: string) => void;
}

const S = 'ingest';
const TARGET = ge(50_000);

/** DuckDB reading the same NDJSON itself into a table with the store's column types. */
async function engineFloor(ds: Dataset, n: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'idtrail-floor-'));
  try {
    // The whole file when the run takes every record; else its first n lines, copied in batches.
    let file = ds.file('signIns');
    if (n < ds.counts.signIns) {
      file = join(dir, 'in.ndjson');
      writeFileSync(file, '');
      for await (const b of lineBatches(ds.file('signIns'), 20_000, n)) appendFileSync(file, b.join('\n') + '\n');
    }
    const inst = await DuckDBInstance.create(join(dir, 'floor.duckdb'), { threads: '2', memory_limit: '2GB' });
    const c = await inst.connect();
    const cols = Object.entries(LOG_KINDS.signIns.schema.fields).map(([k, f]) => `"${k}": '${duckType(f).replace(/'/g, "''")}'`).join(', ');
    const t0 = performance.now();
    await c.run(`CREATE TABLE t AS SELECT * FROM read_json('${file}', format = 'newline_delimited', columns = {${cols}}, maximum_object_size = 67108864)`);
    await c.run('CHECKPOINT');
    const s = (performance.now() - t0) / 1000;
    c.closeSync();
    inst.closeSync();
    return n / s;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function storeDirect(ds: Dataset, o: IngestOptions): Promise<{ rate: number; appendRate: number; prepareRate: number; cpu: number; rss: number; bytesPerRecord: number | null }> {
  const dir = mkdtempSync(join(tmpdir(), 'idtrail-ingest-'));
  const store = await DuckDbStore.open({ dataDir: dir });
  try {
    const rs = new ResourceSampler().start();
    const f = await loadStoreDirect(store, ds, 'signIns', o.batch, o.records);
    const r = rs.stop();
    await store.checkpoint();
    const st = await store.stats();
    return {
      rate: f.records / f.wallS, appendRate: f.records / f.appendS, prepareRate: f.records / f.prepareS,
      cpu: r.cpuCores, rss: r.peakRssMb, bytesPerRecord: st.bytesOnDisk === null ? null : st.bytesOnDisk / f.records,
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** POST NDJSON batches from `clients` concurrent loops to a runtime on 127.0.0.1. */
export async function postBatches(base: string, batches: AsyncGenerator<string[]>, clients: number, onAck?: (lines: string[], ackAt: number) => void): Promise<number> {
  let sent = 0;
  const client = async () => {
    for (;;) {
      const next = await batches.next(); // generators queue concurrent next() calls, so each batch goes once
      if (next.done) return;
      const res = await fetch(`${base}/ingest/signIns`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: next.value.join('\n') });
      const body = (await res.json()) as { accepted?: number };
      if (!res.ok) throw new Error(`ingest HTTP ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
      onAck?.(next.value, performance.now());
      sent += next.value.length;
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  return sent;
}

async function overHttp(ds: Dataset, o: IngestOptions, ack: 'visible' | 'durable'): Promise<{ rate: number; cpu: number; rss: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'idtrail-http-'));
  const rt = await createRuntime({ dataDir: dir, defaultTenant: TENANT, logger: false });
  try {
    const address = await rt.app.listen({ host: '127.0.0.1', port: 0 });
    const rs = new ResourceSampler().start();
    const t0 = performance.now();
    // Clients on a thread of their own, as real senders are (http-clients.ts); the clock stops once
    // the last acknowledged batch is readable, so the figure is a sustained rate, not the spool's.
    const n = (await postFile(address, ds.file('signIns'), o.batch, o.records, o.clients, `?ack=${ack}`)).accepted;
    if (rt.store instanceof DuckDbStore) await rt.store.rawQuery('SELECT 1');
    const s = (performance.now() - t0) / 1000;
    const r = rs.stop();
    return { rate: n / s, cpu: r.cpuCores, rss: r.peakRssMb };
  } finally {
    await rt.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchIngest(ds: Dataset, o: IngestOptions, peerRate?: number | null): Promise<Figure[]> {
  const n = Math.min(o.records, ds.counts.signIns);
  const bpr = ds.bytesPerRecord.signIns;
  const note = `${n.toLocaleString('en-US')} sign-ins of ${bpr} B NDJSON each`;
  o.log(`ingest: engine floor (read_json) on ${n} records …`);
  const floor = await engineFloor(ds, n);
  o.log(`ingest: store-direct, batches of ${o.batch} …`);
  const d = await storeDirect(ds, { ...o, records: n });
  o.log(`ingest: HTTP, ${o.clients} clients × ${o.batch}-record NDJSON batches …`);
  const h = await overHttp(ds, { ...o, records: n }, 'visible');
  o.log(`ingest: HTTP again with ?ack=durable (answered once on disk, readable with the next load) …`);
  const hd = await overHttp(ds, { ...o, records: n }, 'durable');
  const fig = (name: string, unit: string, value: number, extra: Partial<Figure> = {}): Figure => ({ section: S, name, unit, value: round(value), better: 'higher', ...extra });
  return [
    fig('engine floor: DuckDB read_json → typed table', 'rec/s', floor, { note }),
    fig(`store-direct append (batch ${o.batch})`, 'rec/s', d.rate, { target: TARGET, floor, ...(peerRate ? { peer: peerRate } : {}), note: `parse+normalize ${Math.round(d.prepareRate)}/s, append ${Math.round(d.appendRate)}/s` }),
    fig('store-direct CPU', 'cores', d.cpu, { better: 'lower' }),
    fig('store-direct peak RSS', 'MB', d.rss, { better: 'lower' }),
    fig(`HTTP ingest end-to-end (${o.clients} clients × ${o.batch})`, 'rec/s', h.rate, { target: TARGET, floor, ...(peerRate ? { peer: peerRate } : {}), note: 'enrichment on; clients on another thread of the process; answered once readable' }),
    fig(`HTTP ingest end-to-end, ?ack=durable (${o.clients} clients × ${o.batch})`, 'rec/s', hd.rate, { target: TARGET, floor, note: 'answered once on disk; the clock stops when the last batch is readable' }),
    fig('HTTP ingest CPU (server + clients)', 'cores', h.cpu, { better: 'lower' }),
    fig('HTTP ingest peak RSS', 'MB', h.rss, { better: 'lower' }),
    fig('sign-in bytes on disk after ingest', 'B/rec', d.bytesPerRecord ?? NaN, { better: 'lower', target: { op: '<=', value: 150 }, note: `NDJSON ${bpr} B/rec` }),
  ];
}
