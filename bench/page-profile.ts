// `node --import tsx bench/page-profile.ts DIR [runs]`: where a first page's time goes (extent, keys
// query, fetch query, decode) for each OData bench form. Prints medians in ms; asserts nothing.
import { DuckDbStore } from '../src/store/index.ts';
import { LOG_KINDS } from '../src/model/index.ts';
import { parseListOptions } from '../src/query/odata/index.ts';
import { buildListPlan } from '../src/api/graph-list-plan.ts';
import { FORMS } from './odata-bench.ts';

const dir = process.argv[2]!;
const runs = Number(process.argv[3] ?? 10);
const store = await DuckDbStore.open({ dataDir: dir, threads: 2, memoryLimit: '4GB' });
const s = store as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
const timings = new Map<string, number[]>();
const wrap = (name: string) => {
  const orig = s[name]!.bind(store);
  s[name] = async (...a: unknown[]) => {
    const t = performance.now();
    try { return await orig(...a); } finally { (timings.get(name) ?? timings.set(name, []).get(name)!).push(performance.now() - t); }
  };
};
for (const n of ['extent', 'query', 'readDirect']) wrap(n);
const med = (xs: number[]) => { const v = [...xs].sort((a, b) => a - b); return v[Math.floor(v.length / 2)] ?? 0; };
const def = LOG_KINDS.signIns;
for (const form of FORMS) {
  const opts = parseListOptions(def, 'beta', form.filter ? { $filter: form.filter, $top: '50' } : { $top: '50' });
  const plan = buildListPlan(def, 'beta', 'bench', opts, null);
  await store.readRecords('signIns', plan);
  timings.clear();
  const tot: number[] = [];
  for (let i = 0; i < runs; i++) { const t = performance.now(); await store.readRecords('signIns', plan); tot.push(performance.now() - t); }
  const per = (n: string) => { const x = timings.get(n) ?? []; return `${n} ${(x.reduce((a, b) => a + b, 0) / runs).toFixed(1)}ms×${(x.length / runs).toFixed(1)}`; };
  console.log(`${form.name.padEnd(32)} total ${med(tot).toFixed(1)}  ${per('extent')}  ${per('query')}  ${per('readDirect')}`);
}
await store.close();
