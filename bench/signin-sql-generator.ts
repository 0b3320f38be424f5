// Fill a DuckDbStore with N synthetic sign-ins straight from SQL (range()), fast enough for 10M
// rows. Arrival (insert) order is time order, as a live log's is; each batch covers a slice of a
// 30-day window. Only the properties the OData bench filters on are populated.
import type { DuckDbStore } from '../src/store/index.ts';

export interface GenOptions {
  readonly tenantId: string;
  readonly count: number;
  readonly batch?: number;
  /** Last timestamp; records run back 30 days from here. */
  readonly end?: string;
  readonly seqBase?: number;
}

const CITIES = `['Tallinn', 'São Paulo', 'Tokyo', 'Seattle', 'Zürich', 'Osaka', 'Lagos', 'Berlin']`;
const APPS = `['Graph Explorer', 'Azure Portal', 'Contoso Payroll', 'Office 365 Exchange Online']`;
const EVENTS = `['interactiveUser', 'interactiveUser', 'nonInteractiveUser', 'nonInteractiveUser', 'servicePrincipal', 'managedIdentity', 'interactiveUser', 'nonInteractiveUser']`;
// The store's _evmask bit of each EVENTS entry (SIGN_IN_EVENT_MASK), picked with the same index.
const EVENT_BITS = '[1, 1, 2, 2, 4, 8, 1, 2]';

export async function generateSignIns(store: DuckDbStore, o: GenOptions): Promise<void> {
  const batch = o.batch ?? 1_000_000;
  const endMs = Date.parse(o.end ?? '2026-11-22T07:39:14Z');
  const spanMs = 30 * 86_400_000;
  for (let start = 0; start < o.count; start += batch) {
    const n = Math.min(batch, o.count - start);
    const sql = `
      INSERT INTO sign_ins (_tenant, _seq, _ingested, _evmask, id, "createdDateTime", "userPrincipalName", "userDisplayName", "userId",
        "appId", "appDisplayName", "ipAddress", "clientAppUsed", "conditionalAccessStatus", "riskLevelAggregated", "isInteractive",
        status, location, "deviceDetail", "signInEventTypes", "riskEventTypes_v2", "appliedConditionalAccessPolicies")
      SELECT $1, $2 + i, now()::TIMESTAMP, (${EVENT_BITS})[1 + (hash(i * 23) % 8)::INTEGER],
        md5(i::VARCHAR)[1:8] || '-' || md5(i::VARCHAR)[9:12] || '-4' || md5(i::VARCHAR)[13:15] || '-a' || md5(i::VARCHAR)[16:18] || '-' || md5(i::VARCHAR)[19:30],
        make_timestamp_ns(($3::BIGINT + (i * $4::DOUBLE)::BIGINT) * 1000000 + (hash(i) % 1000000)::BIGINT),
        'user' || (hash(i * 7) % 20000)::VARCHAR || '@contoso.example', 'User ' || (hash(i * 7) % 20000)::VARCHAR,
        md5('u' || (hash(i * 7) % 20000)::VARCHAR), md5('a' || (i % 200)::VARCHAR), (${APPS})[1 + (hash(i * 3) % 4)::INTEGER],
        '10.' || (i % 250)::VARCHAR || '.' || (hash(i) % 250)::VARCHAR || '.1', 'Browser',
        (['success', 'failure', 'notApplied'])[1 + (hash(i * 5) % 3)::INTEGER], (['none', 'none', 'low', 'medium', 'high'])[1 + (hash(i * 11) % 5)::INTEGER], true,
        {'errorCode': ([0, 0, 0, 0, 0, 0, 0, 50126, 50074, 53003, 50126, 0, 0, 0, 0, 530032])[1 + (hash(i * 13) % 16)::INTEGER], 'failureReason': NULL, 'additionalDetails': NULL},
        {'city': (${CITIES})[1 + (hash(i * 17) % 8)::INTEGER], 'state': NULL, 'countryOrRegion': (['EE', 'BR', 'JP', 'US', 'CH', 'JP', 'NG', 'DE'])[1 + (hash(i * 17) % 8)::INTEGER], 'geoCoordinates': NULL},
        {'browser': (['Edge 122.0.0', 'Chrome 119.0.0', 'Mobile Safari'])[1 + (hash(i * 19) % 3)::INTEGER], 'browserId': NULL, 'deviceId': NULL, 'displayName': NULL, 'isCompliant': NULL, 'isManaged': NULL, 'operatingSystem': (['Windows10', 'MacOs', 'Ios 17'])[1 + (hash(i * 19) % 3)::INTEGER], 'trustType': NULL},
        [(${EVENTS})[1 + (hash(i * 23) % 8)::INTEGER]],
        CASE WHEN hash(i * 29) % 50 = 0 THEN ['unlikelyTravel'] ELSE [] END,
        []
      FROM range($5::BIGINT, $6::BIGINT) t(i)`;
    await store.exec(sql, [o.tenantId, o.seqBase ?? 0, endMs - spanMs, spanMs / o.count, start, start + n]);
  }
  await store.checkpoint();
}
