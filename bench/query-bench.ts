// Graph queries over loopback HTTP, each beside the engine floor (the same rows by hand-written SQL
// on the runtime's own DuckDB connection pool) and the peer. A form the API refuses (the OData
// parser is still growing) is reported with no value and the API's message, not as a crash.
import { latency } from './bench-stats.ts';
import type { BenchContext } from './bench-context.ts';
import { le, lt, type Figure } from './figures.ts';
import { AGGREGATES, lateMaterialized, queryForms, readSamples, type Samples } from './query-forms.ts';

const S = 'queries';

async function timePeer(ctx: BenchContext, sql: string, params: unknown[]): Promise<number | null> {
  if (!ctx.peer) return null;
  try {
    return (await ctx.time(() => ctx.peer!.query(sql, params))).p50;
  } catch (e) {
    ctx.log(`peer query failed: ${(e as Error).message}`);
    return null;
  }
}

/** Follow @odata.nextLink for `pages` pages; the floor walks the same keyset by hand. */
async function pagingWalk(ctx: BenchContext, s: Samples, pages: number): Promise<Figure> {
  const graph: number[] = [];
  const floor: number[] = [];
  const peer: number[] = [];
  const filter = `status/errorCode ne 0`;
  for (let round = 0; round < 3; round++) {
    let next: string | null = `/v1.0/auditLogs/signIns?$top=100&$filter=${encodeURIComponent(filter)}`;
    for (let p = 0; p < pages && next; p++) {
      const t0 = performance.now();
      const body = (await ctx.get(next)) as { '@odata.nextLink'?: string };
      if (round > 0) graph.push(performance.now() - t0);
      next = body['@odata.nextLink'] ? new URL(body['@odata.nextLink']).pathname + new URL(body['@odata.nextLink']).search : null;
    }
    let cur: { t: string; id: string } | null = null;
    let pcur: { t: unknown; id: string } | null = null;
    for (let p = 0; p < pages; p++) {
      const key = cur ? `AND ("createdDateTime" < $2::TIMESTAMP_NS OR ("createdDateTime" = $2::TIMESTAMP_NS AND id < $3))` : '';
      const t0 = performance.now();
      const rows = await ctx.store.rawQuery(
        `SELECT * FROM sign_ins WHERE _tenant = $1 AND list_contains("signInEventTypes", 'interactiveUser') AND "status"."errorCode" <> 0 ${key} ORDER BY "createdDateTime" DESC, id DESC LIMIT 101`,
        cur ? [ctx.tenantId, cur.t, cur.id] : [ctx.tenantId]);
      if (round > 0) floor.push(performance.now() - t0);
      const last = rows[99];
      if (!last) break;
      cur = { t: String(last['createdDateTime']), id: String(last['id']) };
      if (ctx.peer) {
        const k = pcur ? `AND (created, id) < ($1, $2)` : '';
        const p0 = performance.now();
        const pr = await ctx.peer.query(`SELECT record, created, id FROM signins_b WHERE event_type = 'interactiveUser' AND error_code <> 0 ${k} ORDER BY created DESC, id DESC LIMIT 101`, pcur ? [pcur.t, pcur.id] : []);
        if (round > 0) peer.push(performance.now() - p0);
        const pl = pr[99];
        pcur = pl ? { t: pl['created'], id: String(pl['id']) } : null;
      }
    }
  }
  const g = latency(graph);
  const f = latency(floor);
  return {
    section: S, name: `paging walk: ${pages} pages × 100 (${filter})`, unit: 'ms/page', value: g.p50, p99: g.p99, better: 'lower',
    floor: f.p50, floorP99: f.p99, peer: ctx.peer ? latency(peer).p50 : null, p99Target: lt(100), note: `${g.n} pages timed`,
  };
}

export async function benchQueries(ctx: BenchContext): Promise<Figure[]> {
  const s = await readSamples(ctx.store, ctx.tenantId);
  const out: Figure[] = [];
  for (const q of queryForms(s)) {
    ctx.log(`query: ${q.name}`);
    const naive = await ctx.time(() => ctx.store.rawQuery(q.floorSql, [ctx.tenantId, ...q.floorParams]));
    const lateSql = lateMaterialized(q.floorSql);
    const late = lateSql ? await ctx.time(() => ctx.store.rawQuery(lateSql, [ctx.tenantId, ...q.floorParams])) : null;
    const floor = late && late.p50 < naive.p50 ? late : naive;
    const floorNote = late ? `floor: ${floor === late ? 'late-materialized' : 'plain'} SQL (plain ${naive.p50} ms, late ${late.p50} ms)` : '';
    const peer = await timePeer(ctx, q.pgSql, q.pgParams);
    const first = q.name === 'first page, no filter';
    try {
      const g = await ctx.time(() => ctx.get(q.path));
      out.push({
        section: S, name: q.name, unit: 'ms', value: g.p50, p99: g.p99, better: 'lower', floor: floor.p50, floorP99: floor.p99, peer,
        p99Target: lt(100), ...(first ? { target: le(10), floorRatioTarget: le(1.2) } : {}), ...(floorNote ? { note: floorNote } : {}),
      });
    } catch (e) {
      out.push({ section: S, name: q.name, unit: 'ms', value: null, better: 'lower', floor: floor.p50, floorP99: floor.p99, peer, note: `API refused: ${(e as Error).message.slice(0, 160)}` });
    }
  }
  out.push(await pagingWalk(ctx, s, ctx.quick ? 10 : 20));
  for (const a of AGGREGATES) {
    ctx.log(`aggregate: ${a.name}`);
    const d = await ctx.time(() => ctx.store.rawQuery(a.duck, [ctx.tenantId]));
    const peer = await timePeer(ctx, a.pg, []);
    out.push({ section: 'aggregates (engine SQL)', name: a.name, unit: 'ms', value: d.p50, p99: d.p99, better: 'lower', peer, target: lt(1000), note: 'DuckDB SQL on the store table; the API reports that use it are in the reports section' });
  }
  return out;
}
