// Reads while writes run: freshness (ingest acknowledgement → the record is visible to a Graph
// query) under a steady load, and N concurrent loopback readers while ingest runs flat out.
// New records are copies of dataset sign-ins with fresh ids and times after the dataset's end,
// marked interactive so the default Graph scope includes them.
import { randomUUID } from 'node:crypto';
import { latency, round } from './bench-stats.ts';
import type { BenchContext } from './bench-context.ts';
import { lineBatches } from './dataset.ts';
import { lt, type Figure } from './figures.ts';
import { postBatches } from './ingest-bench.ts';

interface Fresh {
  lines: string[];
  newestId: string;
  newestTime: string;
}

/** An endless source of new sign-ins, each batch strictly newer than the last. */
async function freshSource(ctx: BenchContext, batch: number): Promise<() => Fresh> {
  const templates: Record<string, unknown>[] = [];
  for await (const b of lineBatches(ctx.dataset.file('signIns'), 1000, 1000)) templates.push(...b.map((l) => JSON.parse(l) as Record<string, unknown>));
  let clock = Math.max(Date.now(), Date.parse(ctx.dataset.endDate)) + 86_400_000;
  let n = 0;
  return () => {
    const lines: string[] = [];
    let id = '';
    let t = '';
    for (let i = 0; i < batch; i++) {
      id = randomUUID();
      t = new Date(clock++).toISOString();
      lines.push(JSON.stringify({ ...templates[n++ % templates.length], id, createdDateTime: t, signInEventTypes: ['interactiveUser'], isInteractive: true }));
    }
    return { lines, newestId: id, newestTime: t };
  };
}

async function* paced(next: () => Fresh, perSecond: number, untilMs: number, sent: Fresh[]): AsyncGenerator<string[]> {
  const every = (1000 * next().lines.length) / perSecond;
  let due = performance.now();
  while (performance.now() < untilMs) {
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    due += every;
    const f = next();
    sent.push(f);
    yield f.lines;
  }
}

export async function benchFreshness(ctx: BenchContext): Promise<Figure[]> {
  const batch = 500;
  const rate = ctx.quick ? 2_500 : 5_000;
  const seconds = ctx.quick ? 8 : 20;
  const next = await freshSource(ctx, batch);
  const sent: Fresh[] = [];
  const samples: number[] = [];
  const polls: Promise<void>[] = [];
  const byLines = new Map<string[], Fresh>();
  const src = paced(() => {
    const f = next();
    byLines.set(f.lines, f);
    return f;
  }, rate, performance.now() + seconds * 1000, sent);
  ctx.log(`freshness: ${rate} rec/s in ${batch}-record batches for ${seconds} s, polling after each ack …`);
  const t0 = performance.now();
  const ingested = await postBatches(ctx.baseUrl, src, 1, (lines, ackAt) => {
    const f = byLines.get(lines);
    if (!f) return;
    // Ascending from the newest record's time: it is the first row as soon as it is visible.
    const path = `/v1.0/auditLogs/signIns?$top=1&$orderby=${encodeURIComponent('createdDateTime asc')}&$filter=${encodeURIComponent(`createdDateTime ge ${f.newestTime}`)}`;
    polls.push((async () => {
      for (let i = 0; i < 2000; i++) {
        const body = (await ctx.get(path)) as { value: Array<{ id: string }> };
        if (body.value[0]?.id === f.newestId) {
          samples.push(performance.now() - ackAt);
          return;
        }
        await new Promise((r) => setTimeout(r, 2));
      }
    })());
  });
  await Promise.all(polls);
  const achieved = ingested / ((performance.now() - t0) / 1000);
  const l = latency(samples);
  return [{
    section: 'freshness', name: `ack → visible in a Graph query (under ${rate} rec/s)`, unit: 'ms', value: l.p50, p99: l.p99, better: 'lower',
    p99Target: lt(1000), note: `${l.n} samples; achieved ingest ${Math.round(achieved)} rec/s; Entra itself: 2–5 min`,
  }];
}

export async function benchConcurrency(ctx: BenchContext): Promise<Figure[]> {
  const seconds = ctx.quick ? 5 : 15;
  const next = await freshSource(ctx, 2_000);
  const out: Figure[] = [];
  const paths = ['/v1.0/auditLogs/signIns?$top=50', `/v1.0/auditLogs/signIns?$top=50&$filter=${encodeURIComponent('status/errorCode ne 0')}`];
  for (const readers of ctx.quick ? [4, 16] : [4, 16, 64]) {
    ctx.log(`concurrency: ${readers} readers for ${seconds} s with ingest running …`);
    const until = performance.now() + seconds * 1000;
    const times: number[] = [];
    let errors = 0;
    const reader = async (r: number) => {
      for (let i = r; performance.now() < until; i++) {
        const t0 = performance.now();
        try {
          await ctx.get(paths[i % paths.length]!);
          times.push(performance.now() - t0);
        } catch {
          errors++;
        }
      }
    };
    async function* flatOut(): AsyncGenerator<string[]> {
      while (performance.now() < until) yield next().lines;
    }
    const t0 = performance.now();
    const [ingested] = await Promise.all([postBatches(ctx.baseUrl, flatOut(), 1), ...Array.from({ length: readers }, (_, r) => reader(r))]);
    const s = (performance.now() - t0) / 1000;
    const l = latency(times);
    out.push({ section: 'concurrency', name: `${readers} readers + ingest: reader latency`, unit: 'ms', value: l.p50, p99: l.p99, better: 'lower', p99Target: lt(100),
      note: `${round(times.length / s)} pages/s, ${errors} errors; ingest meanwhile ${Math.round(ingested / s)} rec/s` });
    out.push({ section: 'concurrency', name: `${readers} readers + ingest: reader throughput`, unit: 'pages/s', value: round(times.length / s), better: 'higher' });
  }
  return out;
}
