// `npm run bench -- [--store duckdb|clickhouse|both] [--rows N] [--clickhouse-url URL]`
// Prints the store figures side by side. Without a URL, ClickHouse runs on a throwaway local
// server started by scripts/clickhouse-test-server.sh.
import { parseArgs } from 'node:util';
import { benchClickhouse, benchDuckdb, type StoreBenchFigures } from './store-bench.ts';
import { testClickHouse } from '../src/store/conformance/clickhouse-test-server.ts';

const { values } = parseArgs({ options: { store: { type: 'string', default: 'both' }, rows: { type: 'string', default: '200000' }, 'clickhouse-url': { type: 'string' } } });
const rows = Number(values.rows);
const results: StoreBenchFigures[] = [];
if (values.store === 'duckdb' || values.store === 'both' || values.store === 'clickhouse') results.push(await benchDuckdb({ rows }));
if (values.store === 'clickhouse' || values.store === 'both') {
  if (values['clickhouse-url']) process.env['IDTRAIL_CLICKHOUSE_URL'] = values['clickhouse-url'];
  const server = await testClickHouse();
  if (!server) console.log('ClickHouse skipped: no clickhouse-server and no --clickhouse-url');
  else {
    try {
      results.push(await benchClickhouse(server.url, { rows }));
    } finally {
      await server.stop();
    }
  }
}

const cell = (s: string | number | null) => String(s ?? '–').padStart(16);
const line = (label: string, f: (r: StoreBenchFigures) => string | number | null) => console.log(label.padEnd(34) + results.map((r) => cell(f(r))).join(''));
line('store', (r) => r.backend);
line('rows', (r) => r.rows);
line('ingest rows/s', (r) => r.ingestRowsPerSec);
line('bytes on disk', (r) => r.bytesOnDisk);
line('bytes/record', (r) => r.bytesPerRecord);
for (const q of Object.keys(results[0]?.queries ?? {})) line(`${q} median/p99 ms`, (r) => `${r.queries[q]!.medianMs}/${r.queries[q]!.p99Ms}`);
line('process RSS MB (after run)', (r) => r.rssMb);
