// The Graph list forms the API documents, each with the same question written by hand for the
// engine (DuckDB SQL on the store's table: the floor) and for the PostgreSQL peer (schema B:
// promoted columns + B-tree indexes). Pages are newest 50 with an id tiebreak, one extra row as
// the API fetches it. Sample values (a user, an app, a window) are read from the data itself.
import type { DuckDbStore } from '../src/store/index.ts';

export interface QueryForm {
  readonly name: string;
  /** Graph path and query on the runtime. */
  readonly path: string;
  /** Engine floor: $1 is the tenant. */
  readonly floorSql: string;
  readonly floorParams: unknown[];
  /** Peer (schema B). */
  readonly pgSql: string;
  readonly pgParams: unknown[];
}

const enc = (s: string) => encodeURIComponent(s).replace(/%24/g, '$').replace(/%2F/g, '/');
const INTERACTIVE = `list_contains("signInEventTypes", 'interactiveUser')`;
const PAGE = `ORDER BY "createdDateTime" DESC, id DESC LIMIT 51`;
const PG_PAGE = `ORDER BY created DESC, id DESC LIMIT 51`;

export interface Samples {
  upn: string;
  appId: string;
  appPrefix: string;
  country: string;
  errorCode: number;
  windowFrom: string;
  windowTo: string;
  lastDay: string;
  anId: string;
}

/** A mid-frequency user and app, a common failure code, an hour in the middle, the last day. */
export async function readSamples(store: DuckDbStore, tenant: string): Promise<Samples> {
  const one = async (sql: string) => (await store.rawQuery(sql, [tenant]))[0] ?? {};
  const base = `FROM sign_ins WHERE _tenant = $1`;
  const u = await one(`SELECT "userPrincipalName" AS v, count(*) n ${base} AND "userPrincipalName" IS NOT NULL GROUP BY 1 ORDER BY n DESC, v LIMIT 1 OFFSET 10`);
  const a = await one(`SELECT "appId" AS v, "appDisplayName" AS d, count(*) n ${base} GROUP BY 1, 2 ORDER BY n DESC, v LIMIT 1 OFFSET 2`);
  const c = await one(`SELECT "location"."countryOrRegion" AS v, count(*) n ${base} GROUP BY 1 ORDER BY n DESC LIMIT 1 OFFSET 1`);
  const e = await one(`SELECT "status"."errorCode" AS v, count(*) n ${base} AND "status"."errorCode" <> 0 GROUP BY 1 ORDER BY n DESC LIMIT 1`);
  const t = await one(`SELECT min("createdDateTime")::VARCHAR AS lo, max("createdDateTime")::VARCHAR AS hi ${base}`);
  // v1.0 serves interactive sign-ins only, so the id to fetch must be one.
  const i = await one(`SELECT id ${base} AND ${INTERACTIVE} LIMIT 1 OFFSET 1000`);
  const iso = (s: unknown) => new Date(String(s).replace(' ', 'T').slice(0, 19) + 'Z').getTime();
  const lo = iso(t['lo']);
  const hi = iso(t['hi']);
  const mid = lo + (hi - lo) / 2;
  const at = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  return {
    upn: String(u['v']), appId: String(a['v']), appPrefix: String(a['d']).slice(0, 5), country: String(c['v']),
    errorCode: Number(e['v']), windowFrom: at(mid), windowTo: at(mid + 3_600_000), lastDay: at(hi - 86_400_000), anId: String(i['id']),
  };
}

export function queryForms(s: Samples): QueryForm[] {
  const T = `FROM sign_ins WHERE _tenant = $1 AND ${INTERACTIVE}`;
  const B = `FROM signins_b WHERE event_type = 'interactiveUser'`;
  const ts = (x: string) => x.replace('T', ' ').replace('Z', '');
  return [
    { name: 'first page, no filter', path: `/v1.0/auditLogs/signIns?$top=50`,
      floorSql: `SELECT * ${T} ${PAGE}`, floorParams: [], pgSql: `SELECT record ${B} ${PG_PAGE}`, pgParams: [] },
    { name: `status/errorCode eq ${s.errorCode}`, path: `/v1.0/auditLogs/signIns?$top=50&$filter=${enc(`status/errorCode eq ${s.errorCode}`)}`,
      floorSql: `SELECT * ${T} AND "status"."errorCode" = ${s.errorCode} ${PAGE}`, floorParams: [],
      pgSql: `SELECT record ${B} AND error_code = $1 ${PG_PAGE}`, pgParams: [s.errorCode] },
    { name: 'userPrincipalName eq (one user)', path: `/v1.0/auditLogs/signIns?$top=50&$filter=${enc(`userPrincipalName eq '${s.upn}'`)}`,
      floorSql: `SELECT * ${T} AND "userPrincipalName" = $2 ${PAGE}`, floorParams: [s.upn],
      pgSql: `SELECT record ${B} AND user_principal_name = $1 ${PG_PAGE}`, pgParams: [s.upn] },
    { name: 'appId eq (one app)', path: `/v1.0/auditLogs/signIns?$top=50&$filter=${enc(`appId eq '${s.appId}'`)}`,
      floorSql: `SELECT * ${T} AND "appId" = $2 ${PAGE}`, floorParams: [s.appId],
      pgSql: `SELECT record ${B} AND app_id = $1 ${PG_PAGE}`, pgParams: [s.appId] },
    { name: 'createdDateTime ge/le (one hour)', path: `/v1.0/auditLogs/signIns?$top=50&$filter=${enc(`createdDateTime ge ${s.windowFrom} and createdDateTime le ${s.windowTo}`)}`,
      floorSql: `SELECT * ${T} AND "createdDateTime" >= $2::TIMESTAMP_NS AND "createdDateTime" <= $3::TIMESTAMP_NS ${PAGE}`, floorParams: [ts(s.windowFrom), ts(s.windowTo)],
      pgSql: `SELECT record ${B} AND created >= $1 AND created <= $2 ${PG_PAGE}`, pgParams: [s.windowFrom, s.windowTo] },
    { name: 'errorCode ne 0 and createdDateTime ge (last day)', path: `/v1.0/auditLogs/signIns?$top=50&$filter=${enc(`createdDateTime ge ${s.lastDay} and status/errorCode ne 0`)}`,
      floorSql: `SELECT * ${T} AND "createdDateTime" >= $2::TIMESTAMP_NS AND "status"."errorCode" <> 0 ${PAGE}`, floorParams: [ts(s.lastDay)],
      pgSql: `SELECT record ${B} AND created >= $1 AND error_code <> 0 ${PG_PAGE}`, pgParams: [s.lastDay] },
    { name: "signInEventTypes/any(t: t eq 'nonInteractiveUser')", path: `/beta/auditLogs/signIns?$top=50&$filter=${enc(`signInEventTypes/any(t: t eq 'nonInteractiveUser')`)}`,
      floorSql: `SELECT * FROM sign_ins WHERE _tenant = $1 AND list_contains("signInEventTypes", 'nonInteractiveUser') ${PAGE}`, floorParams: [],
      pgSql: `SELECT record FROM signins_b WHERE event_type = 'nonInteractiveUser' ${PG_PAGE}`, pgParams: [] },
    { name: 'startswith(appDisplayName) and country eq', path: `/v1.0/auditLogs/signIns?$top=50&$filter=${enc(`startswith(appDisplayName,'${s.appPrefix}') and location/countryOrRegion eq '${s.country}'`)}`,
      floorSql: `SELECT * ${T} AND starts_with("appDisplayName", $2) AND "location"."countryOrRegion" = $3 ${PAGE}`, floorParams: [s.appPrefix, s.country],
      pgSql: `SELECT record ${B} AND app_display_name LIKE $1 || '%' AND country = $2 ${PG_PAGE}`, pgParams: [s.appPrefix, s.country] },
    { name: '$orderby=createdDateTime asc', path: `/v1.0/auditLogs/signIns?$top=50&$orderby=${enc('createdDateTime asc')}`,
      floorSql: `SELECT * ${T} ORDER BY "createdDateTime", id LIMIT 51`, floorParams: [],
      pgSql: `SELECT record ${B} ORDER BY created, id LIMIT 51`, pgParams: [] },
    { name: 'get by id', path: `/v1.0/auditLogs/signIns/${s.anId}`,
      floorSql: `SELECT * FROM sign_ins WHERE _tenant = $1 AND id = $2 LIMIT 1`, floorParams: [s.anId],
      pgSql: `SELECT record FROM signins_b WHERE id = $1`, pgParams: [s.anId] },
  ];
}

/**
 * The same page with late materialization: sort keys first, full rows for the page's rowids only.
 * Both shapes are timed and the faster is the floor, so the floor is what the engine can do.
 */
export function lateMaterialized(sql: string): string | null {
  const m = /^SELECT \* (FROM sign_ins WHERE .*) (ORDER BY .*) LIMIT (\d+)$/.exec(sql);
  return m ? `SELECT * FROM sign_ins WHERE rowid IN (SELECT rowid ${m[1]} ${m[2]} LIMIT ${m[3]}) ${m[2]}` : null;
}

/** Whole-table aggregates the reports are built from: engine SQL beside the peer's. */
export const AGGREGATES: ReadonlyArray<{ name: string; duck: string; pg: string }> = [
  { name: 'failures by app', duck: `SELECT "appDisplayName", count(*) FROM sign_ins WHERE _tenant = $1 AND "status"."errorCode" <> 0 GROUP BY 1`,
    pg: `SELECT app_display_name, count(*) FROM signins_b WHERE error_code <> 0 GROUP BY 1` },
  { name: 'distinct users per day', duck: `SELECT date_trunc('day', "createdDateTime"), count(DISTINCT "userId") FROM sign_ins WHERE _tenant = $1 AND "userId" <> '' GROUP BY 1`,
    pg: `SELECT date_trunc('day', created), count(DISTINCT user_id) FROM signins_b WHERE user_id IS NOT NULL GROUP BY 1` },
  { name: 'sign-ins by browser × OS', duck: `SELECT "deviceDetail"."browser", "deviceDetail"."operatingSystem", count(*) FROM sign_ins WHERE _tenant = $1 GROUP BY 1, 2`,
    pg: `SELECT browser, os, count(*) FROM signins_b GROUP BY 1, 2` },
];
