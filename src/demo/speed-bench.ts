// Entry point: measures demo generation speed.
//   npm run bench:demo -- [users=2000] [days=7] [seed=1] [ndjson|objects] [--out DIR]
// `ndjson` (default) produces every record as NDJSON bytes, as the file sink gets them, and drops
// them (no disk); with `--out DIR` it writes the files as `idtrail demo --out` does (DIR is left in
// place). `objects` only builds the record objects, as a store sink that takes objects sees them.
// Prints records/s and MB/s (10^6 bytes) over wall time and over the main thread's CPU time: the
// generator is single-threaded, so the latter is the "one core" figure even on a busy machine.
import { readFileSync, statSync } from 'node:fs';
import { generateDemo, type DemoOptions, type DemoSummary } from './generate.ts';
import { runDemoToDir } from './write-ndjson.ts';

const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const out = outAt >= 0 ? args[outAt + 1] : null;
if (outAt >= 0 && !out) throw new Error('--out needs a directory');
const rest = outAt >= 0 ? [...args.slice(0, outAt), ...args.slice(outAt + 2)] : args;
const mode = rest.find((a) => a === 'ndjson' || a === 'objects') ?? 'ndjson';
if (mode === 'objects' && out) throw new Error('--out writes NDJSON; drop `objects`');
const [users = 2000, days = 7, seed = 1] = rest.filter((a) => a !== mode).map(Number);
const opts: DemoOptions = { seed, users, days, endDate: '2025-03-31T00:00:00Z', attacks: true };

/** CPU seconds of this process's main thread (Linux), else of the whole process. */
function mainThreadCpu(): number {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'latin1');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in USER_HZ (100/s)
  } catch {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  }
}

let bytes = 0;
const cpu0 = mainThreadCpu();
const process0 = process.cpuUsage();
const t0 = performance.now();
let summary: DemoSummary;
if (out) {
  summary = await runDemoToDir(opts, out, process.stderr.isTTY);
} else if (mode === 'ndjson') {
  summary = await generateDemo(opts, { writeNdjson: (_kind, chunk) => void (bytes += chunk.length) });
} else {
  summary = await generateDemo(opts, { write: () => {} });
}
const wall = (performance.now() - t0) / 1000;
const cpu = mainThreadCpu() - cpu0;
const processUse = process.cpuUsage(process0);
if (out) {
  for (const kind of Object.keys(summary.counts)) bytes += statSync(`${out}/${kind}.ndjson`).size;
}

const records = Object.values(summary.counts).reduce((a, b) => a + b, 0);
const rate = (seconds: number) => `${Math.round(records / seconds).toLocaleString('en-US')} records/s` +
  (mode === 'ndjson' ? `, ${(bytes / 1e6 / seconds).toFixed(0)} MB/s` : '');
const where = out ? `NDJSON files in ${out}` : mode === 'ndjson' ? 'NDJSON bytes in memory (no disk)' : 'record objects';
console.log(`demo ${users} users × ${days} days, seed ${seed} → ${where}`);
console.log(`  ${records.toLocaleString('en-US')} records ${JSON.stringify(summary.counts)}` +
  (mode === 'ndjson' ? `, ${(bytes / 1e6).toFixed(0)} MB, ${Math.round(bytes / records)} B/record` : ''));
console.log(`  one core (main-thread CPU ${cpu.toFixed(2)} s): ${rate(cpu)}`);
console.log(`  wall ${wall.toFixed(2)} s: ${rate(wall)}; process CPU ${((processUse.user + processUse.system) / 1e6).toFixed(2)} s; RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
