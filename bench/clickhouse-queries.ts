// The queries and resources sections on the ClickHouse runtime: the same Graph paths (samples read
// from the DuckDB copy of the same dataset), the same paging walk and the report aggregates written
// by hand in ClickHouse SQL over the flattened columns. Figures carry the DuckDB twins' names.
import { ALL_KINDS, LOG_KINDS } from '../src/model/index.ts';
import { clickhouseLiteral as lit } from '../src/query/sql/index.ts';
import type { ClickHouseStore } from '../src/store/index.ts';
import { latency, round, timeRuns } from './bench-stats.ts';
import type { BenchContext } from './bench-context.ts';
import type { Figure } from './figures.ts';
import { queryForms, readSamples } from './query-forms.ts';

/** The AGGREGATES of query-forms.ts (same names, same questions) in ClickHouse SQL; $T is the tenant literal. */
const CH_AGGREGATES: ReadonlyArray<{ name: string; sql: string }> = [
  { name: 'failures by app', sql: `SELECT appDisplayName, count() FROM sign_ins WHERE _tenant = $T AND status__errorCode != 0 GROUP BY appDisplayName` },
  { name: 'distinct users per day', sql: `SELECT toDate(_time) AS d, uniqExact(userId) FROM sign_ins WHERE _tenant = $T AND userId != '' GROUP BY d` },
  { name: 'sign-ins by browser × OS', sql: `SELECT deviceDetail__browser, deviceDetail__operatingSystem, count() FROM sign_ins WHERE _tenant = $T GROUP BY deviceDetail__browser, deviceDetail__operatingSystem` },
];

export async function chQueries(ctx: BenchContext, chBase: string, chStore: ClickHouseStore): Promise<Figure[]> {
  const get = async (path: string) => {
    const res = await fetch(chBase + path);
    const body = (await res.json()) as { error?: { message?: string }; '@odata.nextLink'?: string };
    if (!res.ok) throw new Error(`HTTP ${res.status}: ${body.error?.message ?? JSON.stringify(body).slice(0, 200)}`);
    return body;
  };
  const time = async (fn: () => Promise<unknown>) => latency(await timeRuns(fn, ctx.runs));
  const s = await readSamples(ctx.store, ctx.tenantId);
  const out: Figure[] = [];
  for (const q of queryForms(s)) {
    ctx.log(`query (ClickHouse): ${q.name}`);
    try {
      const g = await time(() => get(q.path));
      out.push({ section: 'queries', name: q.name, unit: 'ms', value: g.p50, p99: g.p99, better: 'lower' });
    } catch (e) {
      out.push({ section: 'queries', name: q.name, unit: 'ms', value: null, better: 'lower', note: `API refused: ${(e as Error).message.slice(0, 160)}` });
    }
  }
  // The walk of query-bench.ts's pagingWalk, Graph side only: the DuckDB floor SQL has no twin here.
  const pages = ctx.quick ? 10 : 20;
  const filter = `status/errorCode ne 0`;
  const times: number[] = [];
  for (let r = 0; r < 3; r++) {
    let next: string | null = `/v1.0/auditLogs/signIns?$top=100&$filter=${encodeURIComponent(filter)}`;
    for (let p = 0; p < pages && next; p++) {
      const t0 = performance.now();
      const body = await get(next);
      if (r > 0) times.push(performance.now() - t0);
      const link = body['@odata.nextLink'];
      next = link ? new URL(link).pathname + new URL(link).search : null;
    }
  }
  const w = latency(times);
  out.push({ section: 'queries', name: `paging walk: ${pages} pages × 100 (${filter})`, unit: 'ms/page', value: w.p50, p99: w.p99, better: 'lower' });
  for (const a of CH_AGGREGATES) {
    const sql = a.sql.replace('$T', lit(ctx.tenantId));
    const d = await time(() => chStore.rawQuery(sql));
    out.push({ section: 'aggregates (engine SQL)', name: a.name, unit: 'ms', value: d.p50, p99: d.p99, better: 'lower' });
  }
  return out;
}

/** Bytes of the active parts per table (compressed, one replica), as DuckDB's section reports blocks. */
export async function chResources(chStore: ClickHouseStore): Promise<Figure[]> {
  const rows = await chStore.rawQuery(`SELECT table, sum(bytes_on_disk) AS b FROM system.parts WHERE active AND database = ${lit(chStore.database)} GROUP BY table`);
  const bytes = new Map(rows.map((r) => [String(r['table']), Number(r['b'])]));
  const st = await chStore.stats();
  const out: Figure[] = [];
  let total = 0;
  let all = 0;
  for (const k of ALL_KINDS) {
    const n = st.kinds[k].records;
    if (!n) continue;
    const b = bytes.get(LOG_KINDS[k].table) ?? 0;
    total += n;
    all += b;
    out.push({ section: 'resources', name: `${k}: bytes on disk per record`, unit: 'B/rec', value: round(b / n), better: 'lower', note: 'active parts' });
  }
  out.push({ section: 'resources', name: 'database file per record (all kinds)', unit: 'B/rec', value: round(all / total), better: 'lower', note: `${Math.round(all / 2 ** 20)} MiB of parts` });
  return out;
}
