// What the evolvable-enum mask (spec 3.9) costs a Graph list page. Worst case: sample records cycle
// every enum through its members, so most records carry later members to replace. Prints the mask
// alone per 1,000-record page beside the version view it follows, and the list endpoint's latency
// with and without `Prefer: include-unknown-enum-members` (with it, no mask runs), interleaved so
// both see the same machine. A kind without later members (directoryAudits) has no mask at all.
// Usage: node --import tsx bench/evolvable-enums-bench.ts [--records 5000] [--runs 40]
import { createRuntime } from '../src/runtime/runtime.ts';
import { localAuthenticator } from '../src/api/request-context.ts';
import { applyEnumMask, enumMask, LOG_KINDS, viewObject, type JsonObject } from '../src/model/index.ts';
import { sampleRecord } from '../src/model/sample-record.ts';
import { latency, percentile } from './bench-stats.ts';

const arg = (name: string, d: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : d;
};
const RECORDS = arg('records', 5000);
const RUNS = arg('runs', 40);
const TENANT = 'bench';

const rt = await createRuntime({ dataDir: ':memory:', enrich: false, defaultTenant: TENANT, threads: 2, authenticate: localAuthenticator(TENANT), metrics: null, retentionIntervalMs: 0 });
try {
  const def = LOG_KINDS.signIns;
  const t0 = Date.parse('2026-03-01T00:00:00Z');
  const recs: JsonObject[] = [];
  for (let i = 0; i < RECORDS; i++) {
    recs.push(sampleRecord(def.schema, i, { id: `b-${i}`, createdDateTime: new Date(t0 + i * 1000).toISOString(), signInEventTypes: ['interactiveUser'] }) as JsonObject);
  }
  for (let i = 0; i < recs.length; i += 1000) {
    const res = await rt.app.inject({ method: 'POST', url: '/ingest/signIns', headers: { 'content-type': 'application/x-ndjson' }, payload: recs.slice(i, i + 1000).map((r) => JSON.stringify(r)).join('\n') });
    if (res.statusCode !== 200) throw new Error(res.body);
  }

  // The transform over one page, as the list route runs it: on the fresh version view, in place.
  const page = recs.slice(0, 1000);
  const mask = enumMask(def.schema, 'beta')!;
  const time = (fn: () => void) => {
    for (let i = 0; i < 5; i++) fn();
    const xs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const s = performance.now();
      fn();
      xs.push(performance.now() - s);
    }
    return percentile(xs, 0.5);
  };
  const viewMs = time(() => page.forEach((r) => viewObject(def.schema, r, 'beta')));
  const bothMs = time(() => page.forEach((r) => applyEnumMask(mask, viewObject(def.schema, r, 'beta'), true)));
  const replaced = page.filter((r) => JSON.stringify(applyEnumMask(mask, viewObject(def.schema, r, 'beta'), true)) !== JSON.stringify(viewObject(def.schema, r, 'beta'))).length;
  console.log(`1,000 beta sign-ins (${replaced} with later members): version view p50 ${viewMs.toFixed(2)} ms, view + mask ${bothMs.toFixed(2)} ms`);

  const url = (path: string) => async (headers: Record<string, string>) => {
    const res = await rt.app.inject({ method: 'GET', url: path, headers });
    if (res.statusCode !== 200) throw new Error(res.body);
  };
  // Each run issues both variants in a random order; an A/A line (the same request twice) shows
  // how far apart two identical variants land on this machine, i.e. the noise floor.
  let seed = 7;
  const coin = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) & 1024) !== 0;
  const compare = async (name: string, fn: (h: Record<string, string>) => Promise<void>, a: Record<string, string>, b: Record<string, string>, labels: [string, string]) => {
    for (let i = 0; i < 3; i++) { await fn(a); await fn(b); }
    const xs: number[] = [];
    const ys: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      for (const first of coin() ? [true, false] : [false, true]) {
        const s = performance.now();
        await fn(first ? a : b);
        (first ? xs : ys).push(performance.now() - s);
      }
    }
    const x = latency(xs);
    const y = latency(ys);
    console.log(`${name}: ${labels[0]} p50 ${x.p50} ms p99 ${x.p99}; ${labels[1]} p50 ${y.p50} ms p99 ${y.p99}; Δp50 ${(x.p50 - y.p50).toFixed(2)} ms (${(((x.p50 - y.p50) / y.p50) * 100).toFixed(1)}%)`);
  };
  const real = { prefer: 'include-unknown-enum-members' };
  for (const path of ['/beta/auditLogs/signIns?$top=1000', '/v1.0/auditLogs/signIns?$top=1000']) {
    await compare(`GET ${path}`, url(path), {}, real, ['masked (no header)', 'real members (header, no mask)']);
  }
  await compare('A/A control, GET /beta/auditLogs/signIns?$top=1000', url('/beta/auditLogs/signIns?$top=1000'), {}, {}, ['no header', 'no header']);
} finally {
  await rt.close();
}
