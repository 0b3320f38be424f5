// Graph beta servicePrincipalSignInActivities and appCredentialSignInActivities (spec 1.4, 1.5),
// computed from sign-ins as spec §6 describes: the latest sign-in per application split by flow
// (delegated = user sign-ins, app-only = service principal / managed identity sign-ins) and role
// (client = the sign-in's appId, resource = its resourceId); and the last use of each credential key.
import { agg, aggregate, and, field, named, project, scan, where, type Relation } from '../query/ir/index.ts';
import { inRange, isUserSignIn, isWorkloadSignIn, present } from './report-exprs.ts';
import { lastDays, type ReportContext, type ReportDef, type Row } from './report-types.ts';
import { base64 } from './report-ids.ts';

const ROLES = [
  'delegatedClientSignInActivity', 'delegatedResourceSignInActivity',
  'applicationAuthenticationClientSignInActivity', 'applicationAuthenticationResourceSignInActivity',
] as const;

/**
 * One scan for all four roles: the latest sign-in per (event types, appId, resourceId), which is a
 * few dozen groups; the flow flags are then computed on those groups, and shape() takes each role's
 * latest over them. Four scans (one per role) read the table four times. Grouping by the stored
 * list, rather than by flags computed per sign-in, also keeps the event-type tests off the 10M rows.
 */
function latestByPair(ctx: ReportContext): Relation {
  const grouped = aggregate(where(scan('signIns', ctx.tenantId), inRange('createdDateTime', ctx.range)),
    [named('signInEventTypes', field('signInEventTypes')), named('appId', field('appId')), named('resourceId', field('resourceId'))], [
      named('last', agg('max', [field('createdDateTime')])),
      named('requestId', agg('arg_max', [field('id'), field('createdDateTime')])),
    ]);
  // No filter on the flags: DuckDB would push it below the aggregate onto every sign-in, and
  // groups of neither flow are simply skipped by latestByRole.
  return project(grouped, [
    named('user', isUserSignIn()), named('app', isWorkloadSignIn()),
    ...['appId', 'resourceId', 'last', 'requestId'].map((c) => named(c, field(c))),
  ]);
}

interface Latest { last: string; requestId: unknown }

/** Each role's latest sign-in per application, from the per-pair groups. */
function latestByRole(groups: readonly Row[]): Map<string, Map<string, Latest>> {
  const roles = new Map<string, Map<string, Latest>>(ROLES.map((r) => [r, new Map()]));
  const note = (role: string, appId: unknown, g: Row) => {
    if (appId === null || appId === undefined) return;
    const byApp = roles.get(role)!;
    const cur = byApp.get(String(appId));
    const last = String(g['last']);
    // Ties on the time go to the larger request id, so the answer does not depend on group order.
    if (!cur || last > cur.last || (last === cur.last && String(g['requestId']) > String(cur.requestId))) byApp.set(String(appId), { last, requestId: g['requestId'] });
  };
  for (const g of groups) {
    if (truthy(g['user'])) {
      note(ROLES[0], g['appId'], g);
      note(ROLES[1], g['resourceId'], g);
    }
    if (truthy(g['app'])) {
      note(ROLES[2], g['appId'], g);
      note(ROLES[3], g['resourceId'], g);
    }
  }
  return roles;
}

/** Booleans come back as true/false from DuckDB and as 1/0 from ClickHouse (UInt8). */
const truthy = (v: unknown): boolean => v === true || v === 1 || v === '1';

const activity = (last: unknown, requestId: unknown) => ({
  lastSignInDateTime: last ?? null, lastSignInRequestId: requestId ?? null,
  lastNonInteractiveSignInDateTime: null, lastNonInteractiveSignInRequestId: null,
  lastSuccessfulSignInDateTime: null, lastSuccessfulSignInRequestId: null,
});

export const servicePrincipalActivityReport: ReportDef = {
  name: 'servicePrincipalSignInActivities',
  description: 'Last sign-in per application as delegated/app-only client and resource (servicePrincipalSignInActivities)',
  params: [],
  defaultRange: (now) => lastDays(now, 30),
  build(ctx) {
    return { groups: latestByPair(ctx) };
  },
  shape(r) {
    const byApp = new Map<string, Row>();
    for (const [role, apps] of latestByRole(r['groups'] ?? [])) {
      for (const [appId, x] of apps) {
        let row = byApp.get(appId);
        if (!row) {
          row = { id: base64(appId), appId, ...Object.fromEntries(ROLES.map((k) => [k, activity(null, null)])), lastSignInActivity: activity(null, null) };
          byApp.set(appId, row);
        }
        row[role] = activity(x.last, x.requestId);
        const latest = row['lastSignInActivity'] as { lastSignInDateTime: string | null };
        if (latest.lastSignInDateTime === null || x.last > latest.lastSignInDateTime) row['lastSignInActivity'] = activity(x.last, x.requestId);
      }
    }
    const value = [...byApp.values()].sort((a, b) => String(a['appId']).localeCompare(String(b['appId'])));
    return { tables: { value } };
  },
};

export const appCredentialActivityReport: ReportDef = {
  name: 'appCredentialSignInActivities',
  description: 'Last use of each application credential (key id) in service principal sign-ins (appCredentialSignInActivities)',
  params: [],
  // Graph's examples filter on keyId and appId.
  filterable: ['id', 'keyId', 'appId', 'servicePrincipalObjectId', 'resourceId', 'keyType'],
  defaultRange: (now) => lastDays(now, 30),
  build(ctx) {
    const rel = where(scan('signIns', ctx.tenantId), and(inRange('createdDateTime', ctx.range), isWorkloadSignIn(), present(field('servicePrincipalCredentialKeyId'))));
    return {
      keys: aggregate(rel, [named('keyId', field('servicePrincipalCredentialKeyId'))], [
        named('appId', agg('max', [field('appId')])),
        named('servicePrincipalObjectId', agg('max', [field('servicePrincipalId')])),
        named('resourceId', agg('arg_max', [field('resourceId'), field('createdDateTime')])),
        named('credentialType', agg('max', [field('clientCredentialType')])),
        named('last', agg('max', [field('createdDateTime')])),
        named('requestId', agg('arg_max', [field('id'), field('createdDateTime')])),
      ]),
    };
  },
  shape(r) {
    const value = (r['keys'] ?? []).map((x) => ({
      // Key type, usage, origin, creation and expiry live on directory credential objects the logs
      // do not carry (spec §6): the type is inferred from clientCredentialType, the rest is null.
      id: base64(`${String(x['keyId'])}|`), keyId: x['keyId'], appId: x['appId'] ?? null, appObjectId: null,
      servicePrincipalObjectId: x['servicePrincipalObjectId'] ?? null, resourceId: x['resourceId'] ?? null,
      keyType: x['credentialType'] === 'clientSecret' ? 'clientSecret' : x['credentialType'] === 'certificate' || x['credentialType'] === 'clientAssertion' ? 'certificate' : null,
      keyUsage: null, credentialOrigin: null, createdDateTime: null, expirationDateTime: null,
      signInActivity: activity(x['last'], x['requestId']),
    }));
    value.sort((a, b) => String(a.keyId).localeCompare(String(b.keyId)));
    return { tables: { value } };
  },
};
