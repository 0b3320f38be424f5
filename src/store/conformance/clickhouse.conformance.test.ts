// Runs the conformance suite on ClickHouse: the server at IDTRAIL_CLICKHOUSE_URL, or one started
// for this run. Each run uses its own database and drops it afterwards.
import { createClient } from '@clickhouse/client';
import { ClickHouseStore } from '../clickhouse/clickhouse-store.ts';
import { runConformance } from './conformance-cases.ts';
// The plug-in cases register themselves on import.
import './odata-golden-cases.ts';
import './report-cases.ts';
import { clickhouseSkipReason, testClickHouse, type TestClickHouse } from './clickhouse-test-server.ts';

let server: TestClickHouse | null = null;
const database = `idtrail_conformance_${process.pid}_${Date.now()}`;
const skip = clickhouseSkipReason();
if (skip) console.log(`# ${skip}`);

runConformance(
  'clickhouse',
  async () => {
    server = await testClickHouse();
    return server ? ClickHouseStore.open({ url: server.url, database }) : null;
  },
  async () => {
    if (!server) return;
    const c = createClient({ url: server.url });
    await c.command({ query: `DROP DATABASE IF EXISTS ${database}` }).catch(() => undefined);
    await c.close();
    await server.stop();
  },
);
