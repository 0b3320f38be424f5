// Store-direct loading: NDJSON lines → JSON.parse → normalizeRecord → store.append, the path the
// ingest service takes minus HTTP and enrichment. Parse/normalize and append are timed apart so
// the lead can see which half of the ingest path costs what.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALL_KINDS, LOG_KINDS, normalizeRecord, type LogKind } from '../src/model/index.ts';
import { DuckDbStore, type LogStore, type PreparedRecord } from '../src/store/index.ts';
import { createRuntime } from '../src/runtime/runtime.ts';
import type { IngestService } from '../src/ingest/index.ts';
import { CACHE, lineBatches, sourceHash, type Dataset } from './dataset.ts';

export const TENANT = 'bench';

export interface LoadFigures {
  readonly records: number;
  readonly wallS: number;
  /** JSON.parse + normalizeRecord only. */
  readonly prepareS: number;
  /** store.append only. */
  readonly appendS: number;
}

export async function loadStoreDirect(store: LogStore, ds: Dataset, kind: LogKind, batch: number, limit = Infinity): Promise<LoadFigures> {
  const schema = LOG_KINDS[kind].schema;
  let records = 0;
  let prepareMs = 0;
  let appendMs = 0;
  const t0 = performance.now();
  for await (const lines of lineBatches(ds.file(kind), batch, limit)) {
    const p0 = performance.now();
    const prepared: PreparedRecord[] = lines.map((l) => normalizeRecord(schema, JSON.parse(l)));
    const a0 = performance.now();
    await store.append(kind, TENANT, prepared);
    appendMs += performance.now() - a0;
    prepareMs += a0 - p0;
    records += lines.length;
  }
  return { records, wallS: (performance.now() - t0) / 1000, prepareS: prepareMs / 1000, appendS: appendMs / 1000 };
}

/**
 * The loaded database for query benches: built once per dataset and store version, then copied
 * for each run (benches that ingest must not change the cached file).
 */
/** Load every kind of a dataset through the ingest service (as the server stores data); returns the sign-ins' count and time. */
export async function ingestEveryKind(ingest: IngestService, ds: Dataset): Promise<{ records: number; wallS: number }> {
  let signIns = { records: 0, wallS: 0 };
  for (const k of ALL_KINDS) {
    let records = 0;
    const t0 = performance.now();
    for await (const lines of lineBatches(ds.file(k), 10_000)) {
      await ingest.ingest(k, TENANT, lines.map((l, index) => ({ index, value: JSON.parse(l) as unknown })));
      records += lines.length;
    }
    if (k === 'signIns') signIns = { records, wallS: (performance.now() - t0) / 1000 };
  }
  return signIns;
}

export async function ensureQueryDb(ds: Dataset, log: (s: string) => void): Promise<{ cachedDir: string; build: LoadFigures | null }> {
  const key = `db-${ds.size}-${ds.hash}-${sourceHash(['src/store', 'src/ingest', 'src/integrity'])}`;
  const dir = join(CACHE, key);
  const done = join(dir, 'complete');
  if (existsSync(done)) return { cachedDir: dir, build: null };
  for (const old of existsSync(CACHE) ? readdirSync(CACHE) : []) {
    if (old.startsWith(`db-${ds.size}-`)) rmSync(join(CACHE, old), { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });
  // Through the runtime's ingest service, not store.append: the runtime keeps a hash chain per
  // kind and tenant and refuses to extend one that the loaded records never started.
  log(`loading the query database ${key} (ingest service, enrichment off, every kind) …`);
  const rt = await createRuntime({ dataDir: dir, defaultTenant: TENANT, logger: false, enrich: false });
  let build: LoadFigures | null = null;
  try {
    const signIns = await ingestEveryKind(rt.ingest, ds);
    build = { records: signIns.records, wallS: signIns.wallS, prepareS: NaN, appendS: NaN };
    await (rt.store as DuckDbStore).checkpoint();
  } finally {
    await rt.close();
  }
  // A marker written last: an interrupted build is rebuilt, never half-used.
  mkdirSync(done);
  return { cachedDir: dir, build };
}

/** A private copy of the cached database in a temp dir; remove it with the returned function. */
export function workingCopy(cachedDir: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'idtrail-bench-db-'));
  copyFileSync(join(cachedDir, 'idtrail.duckdb'), join(dir, 'idtrail.duckdb'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
