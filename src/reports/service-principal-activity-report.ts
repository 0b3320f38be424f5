// Graph beta servicePrincipalSignInActivities and appCredentialSignInActivities (spec 1.4, 1.5),
// computed from sign-ins as spec §6 describes: the latest sign-in per application split by flow
// (delegated = user sign-ins, app-only = service principal / managed identity sign-ins) and role
// (client = the sign-in's appId, resource = its resourceId); and the last use of each credential key.
import { agg, aggregate, and, field, named, scan, union, where, type Relation } from '../query/ir/index.ts';
import { inRange, isUserSignIn, isWorkloadSignIn, present } from './report-exprs.ts';
import { lastDays, type ReportContext, type ReportDef, type Row } from './report-types.ts';
import { base64 } from './report-ids.ts';

const ROLES = [
  'delegatedClientSignInActivity', 'delegatedResourceSignInActivity',
  'applicationAuthenticationClientSignInActivity', 'applicationAuthenticationResourceSignInActivity',
] as const;

function lastBy(ctx: ReportContext, flow: 'user' | 'app', key: 'appId' | 'resourceId'): Relation {
  const rel = where(scan('signIns', ctx.tenantId), and(inRange('createdDateTime', ctx.range), flow === 'user' ? isUserSignIn() : isWorkloadSignIn(), present(field(key))));
  return aggregate(rel, [named('appId', field(key))], [
    named('last', agg('max', [field('createdDateTime')])),
    named('requestId', agg('arg_max', [field('id'), field('createdDateTime')])),
  ]);
}

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
    return {
      roles: union([lastBy(ctx, 'user', 'appId'), lastBy(ctx, 'user', 'resourceId'), lastBy(ctx, 'app', 'appId'), lastBy(ctx, 'app', 'resourceId')], 'role', [...ROLES]),
    };
  },
  shape(r) {
    const byApp = new Map<string, Row>();
    for (const x of r['roles'] ?? []) {
      const appId = String(x['appId']);
      let row = byApp.get(appId);
      if (!row) {
        row = { id: base64(appId), appId, ...Object.fromEntries(ROLES.map((k) => [k, activity(null, null)])), lastSignInActivity: activity(null, null) };
        byApp.set(appId, row);
      }
      row[String(x['role'])] = activity(x['last'], x['requestId']);
      const latest = row['lastSignInActivity'] as { lastSignInDateTime: string | null };
      if (latest.lastSignInDateTime === null || String(x['last']) > latest.lastSignInDateTime) row['lastSignInActivity'] = activity(x['last'], x['requestId']);
    }
    const value = [...byApp.values()].sort((a, b) => String(a['appId']).localeCompare(String(b['appId'])));
    return { tables: { value } };
  },
};

export const appCredentialActivityReport: ReportDef = {
  name: 'appCredentialSignInActivities',
  description: 'Last use of each application credential (key id) in service principal sign-ins (appCredentialSignInActivities)',
  params: [],
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
