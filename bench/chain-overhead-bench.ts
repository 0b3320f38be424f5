// Cost of the hash chain at ingest and on disk: the same sign-ins appended with and without it,
// then a full verify. Prints figures; asserts nothing.  N=100000 node --import tsx bench/chain-overhead-bench.ts
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createIngestService } from '../src/ingest/index.ts';
import { createChainRecorder, loadOrCreateSigningKey, walkChain } from '../src/integrity/index.ts';
import { DuckDbStore, openDuckDbAdminStore } from '../src/store/index.ts';
import { signIn } from '../src/integrity/test-fixtures.ts';

const N = Number(process.env.N ?? 100_000);
const BATCH = Number(process.env.BATCH ?? 1000);

async function run(chained: boolean) {
  const dir = mkdtempSync(join(tmpdir(), 'idtrail-bench-'));
  const store = await DuckDbStore.open({ dataDir: dir });
  const admin = await openDuckDbAdminStore(store);
  const ingest = createIngestService({ store, enrichers: {}, ...(chained ? { chain: createChainRecorder(admin) } : {}) });
  const t0 = performance.now();
  for (let b = 0; b < N / BATCH; b++) {
    const items = Array.from({ length: BATCH }, (_, i) => ({ index: i, value: signIn(b * BATCH + i, new Date(Date.UTC(2025, 0, 1) + (b * BATCH + i) * 1000).toISOString()) }));
    await ingest.ingest('signIns', 't', items);
  }
  const ingestMs = performance.now() - t0;
  let verifyMs = 0;
  if (chained) {
    const t1 = performance.now();
    const r = await walkChain({ store, admin, key: loadOrCreateSigningKey(null) }, 't', 'signIns');
    verifyMs = performance.now() - t1;
    if (!r.ok) throw new Error('chain broken');
  }
  await store.close();
  const bytes = statSync(join(dir, 'idtrail.duckdb')).size;
  rmSync(dir, { recursive: true, force: true });
  return { ingestMs, verifyMs, bytes };
}

const plain = await run(false);
const chained = await run(true);
console.log(`records ${N}, batch ${BATCH}`);
console.log(`ingest  plain ${((N / plain.ingestMs) * 1000).toFixed(0)} rec/s, chained ${((N / chained.ingestMs) * 1000).toFixed(0)} rec/s`);
console.log(`disk    plain ${(plain.bytes / N).toFixed(1)} B/rec, chained ${(chained.bytes / N).toFixed(1)} B/rec (+${((chained.bytes - plain.bytes) / N).toFixed(1)})`);
console.log(`verify  ${((N / chained.verifyMs) * 1000).toFixed(0)} rec/s (${(chained.verifyMs / 1000).toFixed(1)} s)`);
