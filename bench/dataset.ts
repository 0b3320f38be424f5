// Datasets from the demo generator, cached under bench/.cache/ between runs. The cache key is a hash
// of the generator and model sources, so a changed generator or schema rebuilds instead of
// measuring stale data. The loaded DuckDB file is cached too, keyed also by the store sources
// (a changed storage layout must be re-measured, and loading 1M records takes minutes).
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { runDemoToDir } from '../src/demo/index.ts';
import { ALL_KINDS, type LogKind } from '../src/model/index.ts';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CACHE = join(ROOT, 'bench', '.cache');

/** Sign-ins per user per day in the demo tenant, measured (30.9); users are derived from it. */
const SIGN_INS_PER_USER_DAY = 30.9;
const DAYS = 30;
export const SIZES: Record<string, number> = { quick: 100_000, '1m': 1_000_000, '10m': 10_000_000 };

export interface Dataset {
  readonly size: string;
  readonly dir: string;
  readonly hash: string;
  readonly tenantId: string;
  readonly counts: Record<LogKind, number>;
  /** Average NDJSON bytes per record, per kind: every ingest figure is reported next to it. */
  readonly bytesPerRecord: Record<LogKind, number>;
  readonly endDate: string;
  file(kind: LogKind): string;
}

export function sourceHash(dirs: readonly string[]): string {
  const h = createHash('sha256');
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) h.update(relative(ROOT, p)).update(readFileSync(p));
    }
  };
  for (const d of dirs) walk(join(ROOT, d));
  return h.digest('hex').slice(0, 12);
}

export async function ensureDataset(size: string, log: (s: string) => void): Promise<Dataset> {
  const target = SIZES[size];
  if (!target) throw new Error(`unknown size ${size}: use ${Object.keys(SIZES).join(', ')}`);
  const hash = sourceHash(['src/demo', 'src/model']);
  const dir = join(CACHE, `dataset-${size}-${hash}`);
  const endDate = '2026-11-22T00:00:00Z';
  const meta = join(dir, 'bench-meta.json');
  if (!existsSync(meta)) {
    for (const old of existsSync(CACHE) ? readdirSync(CACHE) : []) {
      if (old.startsWith(`dataset-${size}-`)) rmSync(join(CACHE, old), { recursive: true, force: true });
    }
    const users = Math.max(10, Math.round(target / DAYS / SIGN_INS_PER_USER_DAY));
    log(`generating dataset ${size}: ${users} users × ${DAYS} days into ${relative(ROOT, dir)} …`);
    const t0 = performance.now();
    const summary = await runDemoToDir({ seed: 7, users, days: DAYS, endDate, attacks: true }, dir, false);
    const bytes = Object.fromEntries(ALL_KINDS.map((k) => [k, summary.counts[k] ? Math.round(statSync(join(dir, `${k}.ndjson`)).size / summary.counts[k]) : 0]));
    writeFileSync(meta, JSON.stringify({ tenantId: summary.tenant.id, counts: summary.counts, bytesPerRecord: bytes, endDate }, null, 2));
    log(`  ${summary.counts.signIns.toLocaleString('en-US')} sign-ins in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
  const m = JSON.parse(readFileSync(meta, 'utf8')) as Pick<Dataset, 'tenantId' | 'counts' | 'bytesPerRecord' | 'endDate'>;
  return { size, dir, hash, ...m, file: (k) => join(dir, `${k}.ndjson`) };
}

/** NDJSON lines of a file in batches, at most `limit` lines in all. */
export async function* lineBatches(file: string, batch: number, limit = Infinity): AsyncGenerator<string[]> {
  const rl = createInterface({ input: createReadStream(file, { highWaterMark: 1 << 20 }), crlfDelay: Infinity });
  let cur: string[] = [];
  let n = 0;
  for await (const line of rl) {
    if (!line) continue;
    cur.push(line);
    if (++n >= limit) break;
    if (cur.length >= batch) {
      yield cur;
      cur = [];
    }
  }
  rl.close();
  if (cur.length) yield cur;
}
