// Standalone KQL latency run: the seeded tenant plus N synthetic sign-ins (default 10M), then every
// detection query through benchKql. Usage: node --import tsx bench/kql-bench-10m.ts [N] [runs]
// Prints p50/p99 per query; asserts nothing.
import { DuckDbStore } from '../src/store/index.ts';
import { benchKql } from './kql-bench.ts';
import { seedStore, NOW, TENANT } from '../src/query/kql/kql-test-fixture.ts';
const N = Number(process.argv[2] ?? 10_000_000);
const store = await seedStore();
const t0 = performance.now();
// Synthetic bulk: N sign-ins over 14 days before NOW, 5 % failures, 2000 users, 50 IPs per country.
await store.exec(`INSERT INTO sign_ins (_tenant, _seq, _ingested, _evmask, id, createdDateTime, userPrincipalName, userId, userDisplayName, userType, appDisplayName, ipAddress, isInteractive, signInEventTypes, status, location, riskLevelDuringSignIn, riskState, conditionalAccessStatus, deviceDetail)
  SELECT 'tenant-a', 100000 + i, now()::TIMESTAMP, CASE WHEN (i % 10) <> 0 THEN 1 ELSE 2 END, 'bulk-' || i, TIMESTAMP_NS '2024-06-15 12:00:00' - to_microseconds(CAST(i * 120 AS BIGINT) % (14 * 86400000000)),
    'bulk' || (i % 2000) || '@contoso.com', 'bu-' || (i % 2000), 'Bulk ' || (i % 2000), 'member', 'Office 365', '10.5.' || (i % 50) || '.' || (i % 200),
    (i % 10) <> 0, CASE WHEN (i % 10) <> 0 THEN ['interactiveUser'] ELSE ['nonInteractiveUser'] END,
    {'errorCode': CASE WHEN i % 20 = 0 THEN 50126 ELSE 0 END, 'failureReason': NULL, 'additionalDetails': NULL},
    {'city': CASE WHEN i % 97 = 0 THEN 'Paris' ELSE 'New York' END, 'state': NULL, 'countryOrRegion': CASE WHEN i % 97 = 0 THEN 'FR' ELSE 'US' END, 'geoCoordinates': {'altitude': NULL, 'latitude': 40.7, 'longitude': -74.0}},
    'none', 'none', 'notApplied', NULL
  FROM range(${N}) t(i)`);
await store.checkpoint();
console.error(`loaded ${N} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
const rows = await benchKql(store, TENANT, { runs: Number(process.argv[3] ?? 3), now: NOW });
for (const r of rows) console.log(`${r.p50ms.toFixed(0).padStart(6)} ms p50 ${r.p99ms.toFixed(0).padStart(6)} ms p99  ${String(r.rows).padStart(6)} rows  ${r.name}${r.error ? '  ERROR ' + r.error.slice(0, 120) : ''}`);
const over = rows.filter((r) => !(r.p50ms < 2000));
console.log(`queries: ${rows.length}, over 2 s or failing: ${over.length}, max p50 ${Math.max(...rows.map((r) => r.p50ms)).toFixed(0)} ms`);
await store.close();
