// Where an ingested sign-in's time goes, stage by stage, and what the whole HTTP path sustains.
//   node --import tsx bench/ingest-profile.ts [--records 20000] [--batch 1000] [--shape full,lean] [--clients 2] [--threads 2] [--skip stages|http] [--prefill N] [--ack visible|durable]
// The machine is shared with other jobs, so every stage reports CPU µs/record (process.cpuUsage,
// all threads — DuckDB's included) beside wall µs/record: CPU is the figure that moves with the
// code rather than with the neighbours. Records come from the demo dataset (bench/.cache, "quick");
// "lean" is the v1.0 view of each with null and empty properties dropped (about 1.9 KB).
// --prefill N: the HTTP run goes into a store already holding N sign-ins of the same tenant (copies
// of the first batch under new ids, checkpointed), because costs that grow with the stored table do
// not show on an empty one. One warm-up request (not timed) lets the server load its per-tenant state.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { LOG_KINDS, normalizeRecord, type JsonObject, type JsonValue, type NormalizeResult } from '../src/model/index.ts';
import { viewObject } from '../src/model/graph-view.ts';
import { createGeoLookup, createUserAgentEnricher, enrichRecord, parseRecords, type Enrichers } from '../src/ingest/index.ts';
import { recordDigest } from '../src/integrity/hash-chain.ts';
import { DuckDbStore, type PreparedRecord } from '../src/store/index.ts';
import { createRuntime } from '../src/runtime/runtime.ts';
import { ensureDataset, lineBatches } from './dataset.ts';
import { postBodies } from './http-clients.ts';

const { values: args } = parseArgs({
  options: {
    records: { type: 'string', default: '20000' },
    batch: { type: 'string', default: '1000' },
    clients: { type: 'string', default: '2' },
    shape: { type: 'string', default: 'full,lean' },
    skip: { type: 'string', default: '' },
    threads: { type: 'string', default: '2' },
    prefill: { type: 'string', default: '0' },
    ack: { type: 'string', default: 'visible' },
  },
});
const N = Number(args.records);
const BATCH = Number(args.batch);
const CLIENTS = Number(args.clients);
const THREADS = Number(args.threads);
const PREFILL = Number(args.prefill);
const SKIP = new Set(args.skip.split(',').filter(Boolean));
const schema = LOG_KINDS.signIns.schema;
const TENANT = 'profile';

/** Drop nulls and empty collections at every depth: what a lean sender would post. */
function compact(v: JsonValue): JsonValue | undefined {
  if (v === null || (Array.isArray(v) && v.length === 0)) return undefined;
  if (Array.isArray(v)) return v.map((x) => compact(x) ?? null);
  if (typeof v !== 'object') return v;
  const out: JsonObject = {};
  for (const [k, x] of Object.entries(v)) {
    const c = compact(x);
    if (c !== undefined) out[k] = c;
  }
  return Object.keys(out).length ? out : undefined;
}

async function loadLines(shape: string): Promise<string[]> {
  const ds = await ensureDataset('quick', (s) => console.error(s));
  const lines: string[] = [];
  for await (const b of lineBatches(ds.file('signIns'), 5000, N)) lines.push(...b);
  if (shape === 'full') return lines;
  return lines.map((l) => JSON.stringify(compact(viewObject(schema, JSON.parse(l) as JsonObject, 'v1.0'))));
}

interface Stage {
  wallUs: number;
  cpuUs: number;
}
const stages = new Map<string, Stage>();
function timed<T>(name: string, fn: () => T): T {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = fn();
  add(name, t0, c0);
  return r;
}
async function timedAsync<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await fn();
  add(name, t0, c0);
  return r;
}
function add(name: string, t0: number, c0: NodeJS.CpuUsage): void {
  const c = process.cpuUsage(c0);
  const s = stages.get(name) ?? { wallUs: 0, cpuUs: 0 };
  s.wallUs += (performance.now() - t0) * 1000;
  s.cpuUs += c.user + c.system;
  stages.set(name, s);
}

/** The ingest path in process, stage by stage, one batch at a time. */
async function profileStages(lines: string[], enrichers: Enrichers): Promise<void> {
  stages.clear();
  const dir = mkdtempSync(join(tmpdir(), 'idtrail-profile-'));
  const store = await DuckDbStore.open({ dataDir: dir, threads: THREADS });
  let seq = 0;
  try {
    for (let i = 0; i < lines.length; i += BATCH) {
      const text = lines.slice(i, i + BATCH).join('\n');
      const items = timed('parse (JSON.parse per line)', () => parseRecords(text, { maxBytes: 1 << 30, maxRecords: 1e6 }));
      const values = items.map((it) => it.value as JsonObject);
      timed('enrich', () => values.forEach((v) => enrichRecord('signIns', v, enrichers)));
      const norm: NormalizeResult[] = timed('normalize', () => values.map((v) => normalizeRecord(schema, v)));
      const prepared: PreparedRecord[] = timed('stringify', () => norm.map((n) => ({ record: n.record, extra: n.extra, json: JSON.stringify(n.record) })));
      timed('digest (sha256)', () => prepared.forEach((p) => recordDigest(p.record, p.extra, p.json)));
      // The chain's anchor row rides in the same transaction, as in the service.
      await timedAsync('store append (DuckDB)', () =>
        store.append('signIns', TENANT, prepared, {
          anchor: (stored) => ({ seqFrom: stored[0]!.seq, seqTo: stored[stored.length - 1]!.seq, link: String(seq++), prints: '' }),
        }),
      );
    }
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `clients` concurrent loops POSTing prepared NDJSON bodies; returns the records accepted. */
async function postLines(base: string, bodies: string[], clients: number): Promise<number> {
  let next = 0;
  let accepted = 0;
  const client = async () => {
    while (next < bodies.length) {
      const body = bodies[next++]!;
      const res = await fetch(`${base}/ingest/signIns`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body });
      const r = (await res.json()) as { accepted?: number };
      if (!res.ok) throw new Error(`ingest HTTP ${res.status}: ${JSON.stringify(r).slice(0, 300)}`);
      accepted += r.accepted ?? 0;
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  return accepted;
}

/** Fill the store in `dir` with `n` stored sign-ins: one batch through append(), then SQL copies. */
async function prefill(dir: string, lines: string[], n: number): Promise<void> {
  const store = await DuckDbStore.open({ dataDir: dir, threads: THREADS });
  try {
    const seed = lines.slice(0, BATCH).map((l) => normalizeRecord(schema, JSON.parse(l)));
    await store.append('signIns', TENANT, seed.map((x) => ({ record: x.record, extra: x.extra })));
    const t = LOG_KINDS.signIns.table;
    await store.exec(
      `INSERT INTO ${t} SELECT x.* REPLACE ('prefill-' || g.range || '-' || x.id AS id, ` +
        `g.range * ${BATCH} + x._seq AS _seq) FROM ${t} AS x, range(1, ${Math.ceil(n / BATCH)}) AS g`,
    );
    // The server's chain recorder continues from the newest anchor: give it one at the last copy
    // (a made-up link; this bench never verifies the chain).
    const top = await store.exec(`SELECT max(_seq)::DOUBLE AS s FROM ${t}`);
    await store.exec('INSERT INTO _chain_anchors VALUES ($1, $2, $3, $4, $5, $6, now()::TIMESTAMP)', [TENANT, 'signIns', 1, Number(top[0]!['s']), '00'.repeat(32), '']);
    await store.checkpoint();
  } finally {
    await store.close();
  }
}

async function overHttp(all: string[]): Promise<{ rate: number; cpuUs: number; wallUs: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'idtrail-profile-http-'));
  // With a prefill, the first batch seeds the stored copies and the rest is what gets posted.
  if (PREFILL > 0) await prefill(dir, all, PREFILL);
  const lines = PREFILL > 0 ? all.slice(BATCH) : all;
  const rt = await createRuntime({ dataDir: dir, defaultTenant: TENANT, logger: false, threads: THREADS });
  try {
    const base = await rt.app.listen({ host: '127.0.0.1', port: 0 });
    if (PREFILL > 0) {
      const warm = JSON.stringify({ ...(JSON.parse(all[0]!) as JsonObject), id: 'warm-up' });
      await postLines(base, [warm], 1);
    }
    const bodies: string[] = [];
    for (let i = 0; i < lines.length; i += BATCH) bodies.push(lines.slice(i, i + BATCH).join('\n'));
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const n = (await postBodies(base, bodies, CLIENTS, `?ack=${args.ack}`)).accepted;
    const acked = performance.now() - t0;
    // Until the last acknowledged batch is loaded and readable: a sustained rate, not a spool's.
    if (rt.store instanceof DuckDbStore) await rt.store.rawQuery('SELECT 1');
    const wall = performance.now() - t0;
    const c = process.cpuUsage(c0);
    if (n !== lines.length) throw new Error(`accepted ${n} of ${lines.length}`);
    const sp = rt.store instanceof DuckDbStore ? rt.store.spoolStats() : null;
    if (sp) console.log(`  acked after ${acked.toFixed(0)} ms, readable after ${wall.toFixed(0)} ms; ${sp.loadedBatches} batches in ${sp.loads} loads`);
    return { rate: (n / wall) * 1000, cpuUs: (c.user + c.system) / n, wallUs: (wall * 1000) / n };
  } finally {
    await rt.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const f = (x: number) => x.toFixed(1).padStart(8);
const enrichers: Enrichers = { userAgent: createUserAgentEnricher(), geo: await createGeoLookup({}) };
console.log(`node ${process.version}, ${N} sign-ins per shape, batches of ${BATCH}, ${CLIENTS} HTTP clients, DuckDB threads=${THREADS}, load ${(await import('node:os')).loadavg()[0]!.toFixed(1)}`);
for (const shape of args.shape.split(',')) {
  const lines = await loadLines(shape);
  const bytes = lines.reduce((s, l) => s + Buffer.byteLength(l), 0) / lines.length;
  console.log(`\n== ${shape}: ${Math.round(bytes)} B/record NDJSON`);
  if (!SKIP.has('stages')) {
    await profileStages(lines.slice(0, Math.min(lines.length, 2 * BATCH)), enrichers); // warm-up (JIT, DuckDB)
    await profileStages(lines, enrichers);
    console.log(`${'stage'.padEnd(30)} ${'wall µs'.padStart(8)} ${'cpu µs'.padStart(8)}   (per record)`);
    let tw = 0;
    let tc = 0;
    for (const [name, s] of stages) {
      console.log(`${name.padEnd(30)} ${f(s.wallUs / lines.length)} ${f(s.cpuUs / lines.length)}`);
      tw += s.wallUs;
      tc += s.cpuUs;
    }
    console.log(`${'total'.padEnd(30)} ${f(tw / lines.length)} ${f(tc / lines.length)}   → ${Math.round((lines.length / tw) * 1e6)} rec/s in-process, one batch at a time`);
  }
  if (!SKIP.has('http')) {
    const h = await overHttp(lines);
    console.log(`HTTP end-to-end${PREFILL > 0 ? `, into ${PREFILL} stored` : ''} (${CLIENTS} clients × ${BATCH}, ack=${args.ack}): ${Math.round(h.rate)} rec/s, wall ${h.wallUs.toFixed(1)} µs/rec, cpu ${h.cpuUs.toFixed(1)} µs/rec (server + clients on a thread of their own)`);
  }
}
