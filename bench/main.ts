// `npm run bench -- [--quick] [--size quick|1m|10m] [--only ingest,freshness,queries,reports,kql,concurrency,resources]
//                   [--peer postgres] [--store duckdb|clickhouse] [--runs N]`
// One harness for every performance figure of idtrail, each beside the engine floor and (with
// --peer postgres) the PostgreSQL peer. It prints a table and writes bench/results/<date>.json.
// Benchmarks print figures; they never fail a build, so the exit code is 0 unless the harness
// itself breaks.
import { parseArgs } from 'node:util';
import { cpus, totalmem } from 'node:os';
import { ensureDataset } from './dataset.ts';
import { ResourceSampler } from './bench-stats.ts';
import type { Figure } from './figures.ts';
import { printTable, writeResults } from './report.ts';
import { runSections, SECTIONS } from './sections.ts';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    size: { type: 'string' },
    only: { type: 'string' },
    peer: { type: 'string' },
    store: { type: 'string', default: 'duckdb' },
    runs: { type: 'string' },
  },
});
const size = values.size ?? (values.quick ? 'quick' : '1m');
const only = new Set((values.only ?? SECTIONS.join(',')).split(',').map((s) => s.trim()));
for (const s of only) if (!SECTIONS.includes(s as never)) throw new Error(`unknown section ${s}: use ${SECTIONS.join(', ')}`);
if (values.store !== 'duckdb') console.log(`--store ${values.store}: the harness measures the embedded DuckDB store; ClickHouse figures come from the store bench (bench/store-bench.ts).`);
const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);

const sampler = new ResourceSampler(250).start();
const started = new Date();
const ds = await ensureDataset(size, log);
const figures: Figure[] = [];
try {
  await runSections({
    ds, only, quick: size === 'quick', peer: values.peer === 'postgres', log,
    runs: Number(values.runs ?? (size === 'quick' ? 20 : 30)),
    emit: (f) => {
      figures.push(...f);
    },
  });
} catch (e) {
  // A broken section still leaves the figures already measured on screen and on disk.
  log(`harness error: ${(e as Error).stack ?? e}`);
  process.exitCode = 1;
}
sampler.stop();
figures.push({ section: 'resources', name: 'bench process peak RSS (whole run)', unit: 'MB', value: ResourceSampler.peakRssMb(), better: 'lower', target: { op: '<', value: 1536 } });
printTable(figures);
const file = writeResults({
  started: started.toISOString(), size, sections: [...only], peer: values.peer ?? null,
  dataset: { hash: ds.hash, counts: ds.counts, bytesPerRecord: ds.bytesPerRecord },
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memGb: Math.round(totalmem() / 2 ** 30), node: process.version },
}, figures);
console.log(`\nresults: ${file}`);
