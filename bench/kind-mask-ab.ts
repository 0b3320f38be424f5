// A/B of the sign-in kind mask (ScanTarget.listMasks, store/duckdb/duckdb-schema.ts): every report
// and risk rule timed with the mask and with the list column, alternating run by run in one process
// so a busy machine's load falls on both sides alike. Prints the minimum of the runs per side.
//   node --import tsx bench/kind-mask-ab.ts DIR [runs=3]   (DIR: a reports-bench-run.ts store)
import { DuckDbStore } from '../src/store/index.ts';
import { measureReports } from './reports-bench.ts';
import { openLastSignInIndex } from '../src/runtime/last-sign-in-wiring.ts';

const dir = process.argv[2]!;
const runs = Number(process.argv[3] ?? 3);
const store = await DuckDbStore.open({ dataDir: dir, threads: 4, memoryLimit: '4GB' });
const lastSignIns = await openLastSignInIndex(store);
// The store's scan targets are private; the bench swaps the sign-in target for one without masks.
const targets = (store as unknown as { targets: Record<string, { listMasks?: unknown }> }).targets;
const withMask = targets['signIns']!;
const withoutMask = { ...withMask, listMasks: undefined };
const best = new Map<string, { mask: number; list: number }>();
for (let i = 0; i < runs; i++) {
  for (const side of ['mask', 'list'] as const) {
    targets['signIns'] = side === 'mask' ? withMask : withoutMask;
    const figs = await measureReports(store, 'bench', new Date('2025-03-08T00:00:00Z'), { from: '2025-02-01T00:00:00Z', to: '2025-03-08T00:00:00Z' }, 1, { lastSignIns });
    for (const f of figs) {
      const b = best.get(f.name) ?? { mask: Infinity, list: Infinity };
      b[side] = Math.min(b[side], f.p50Ms);
      best.set(f.name, b);
    }
  }
}
console.log(`${'report'.padEnd(48)} ${'mask ms'.padStart(9)} ${'list ms'.padStart(9)}  ratio`);
for (const [name, b] of best) console.log(`${name.padEnd(48)} ${b.mask.toFixed(1).padStart(9)} ${b.list.toFixed(1).padStart(9)}  ${(b.mask / b.list).toFixed(2)}`);
await store.close();
