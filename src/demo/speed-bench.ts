// Entry point: measures generation speed with every line materialized as NDJSON text (no disk).
//   node --import tsx src/demo/speed-bench.ts [users=2000] [days=7] [seed=1] [ndjson|objects]
// `ndjson` (default) encodes every record into NDJSON bytes as the file sink does (no disk);
// `objects` only builds the records, as a store sink that takes objects would see them.
// Prints wall-clock and CPU-time rates; on a shared machine CPU time is the fairer "one core" figure.
import { generateDemo } from './generate.ts';
import { LineBuffer } from './line-buffer.ts';

const args = process.argv.slice(2);
const mode = args.find((a) => a === 'ndjson' || a === 'objects') ?? 'ndjson';
const [users = 2000, days = 7, seed = 1] = args.filter((a) => a !== mode).map(Number);
let records = 0;
let bytes = 0;
// The NDJSON sink's encoder, writing nowhere: disk speed is not what this measures.
const lines = new LineBuffer();
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const summary = await generateDemo({ seed, users, days, endDate: '2025-03-31T00:00:00Z', attacks: true }, {
  write(_kind, record, json) {
    records++;
    if (mode === 'objects') return;
    const full = lines.append(json ?? JSON.stringify(record));
    if (full) bytes += full.length;
  },
});
bytes += lines.size;
const wall = (performance.now() - t0) / 1000;
const cpuUse = process.cpuUsage(cpu0);
const cpu = (cpuUse.user + cpuUse.system) / 1e6;
const rss = process.memoryUsage().rss / 2 ** 20;
console.log(`demo ${users} users × ${days} days, ${mode}: ${records} records (${JSON.stringify(summary.counts)})`);
console.log(`wall ${wall.toFixed(2)} s → ${Math.round(records / wall)} records/s; cpu ${cpu.toFixed(2)} s → ${Math.round(records / cpu)} records/s per CPU-second`);
if (mode === 'ndjson') console.log(`${(bytes / 2 ** 20).toFixed(0)} MiB NDJSON, ${Math.round(bytes / records)} B/record, ${(bytes / 2 ** 20 / wall).toFixed(0)} MiB/s; RSS ${rss.toFixed(0)} MiB`);
