// The sign-in questions admins ask (seed 001): users per application this week, failures in the
// last 24 hours by code and reason, sign-ins by browser and by operating system, and the resources
// service principals and managed identities accessed. idtrail endpoints: Graph has none of these.
import {
  agg, aggregate, and, call, caseWhen, field, lit, named, not, project, scan, where, type Expr, type Relation,
} from '../query/ir/index.ts';
import { eventTypeIn, failed, inRange, isWorkloadSignIn, succeeded } from './report-exprs.ts';
import { lastDays, num, percent, type ReportContext, type ReportDef, type Row } from './report-types.ts';

const SCOPE = {
  name: 'scope',
  description: 'which sign-ins: interactive (interactive user), user (interactive and non-interactive), all (users, service principals, managed identities)',
  values: ['interactive', 'user', 'all'],
} as const;

function scoped(ctx: ReportContext, extra: Expr[] = []): Relation {
  const scope = ctx.params['scope'] ?? 'interactive';
  const types = scope === 'interactive' ? ['interactiveUser'] : scope === 'user' ? ['interactiveUser', 'nonInteractiveUser']
    : ['interactiveUser', 'nonInteractiveUser', 'servicePrincipal', 'managedIdentity'];
  return where(scan('signIns', ctx.tenantId), and(inRange('createdDateTime', ctx.range), eventTypeIn(types), ...extra));
}

const byDesc = (key: string) => (a: Row, b: Row) => num(b[key]) - num(a[key]);

export const appUsersReport: ReportDef = {
  name: 'appUsers',
  description: 'How many users signed in to each application (default: the last 7 days)',
  params: [{ ...SCOPE, default: 'interactive' }],
  defaultRange: (now) => lastDays(now, 7),
  build(ctx) {
    return {
      apps: aggregate(scoped(ctx), [named('appId', field('appId'))], [
        named('appDisplayName', agg('max', [field('appDisplayName')])),
        named('users', agg('dcount', [field('userId')])),
        named('usersSucceeded', agg('dcount', [field('userId')], { filter: succeeded() })),
        named('signIns', agg('count')),
        named('failures', agg('count', [], { filter: failed() })),
      ]),
    };
  },
  shape(r) {
    return { tables: { value: [...(r['apps'] ?? [])].map((x) => ({ ...x, users: num(x['users']), usersSucceeded: num(x['usersSucceeded']), signIns: num(x['signIns']), failures: num(x['failures']) })).sort(byDesc('users')) } };
  },
};

export const failedSignInsReport: ReportDef = {
  name: 'failedSignIns',
  description: 'Failed sign-ins by error code and reason (default: the last 24 hours, every kind of sign-in)',
  params: [{ ...SCOPE, default: 'all' }],
  defaultRange: (now) => lastDays(now, 1),
  build(ctx) {
    return {
      codes: aggregate(scoped(ctx, [failed()]), [named('errorCode', field('status', 'errorCode'))], [
        named('failureReason', agg('max', [field('status', 'failureReason')])),
        named('failures', agg('count')),
        named('users', agg('dcount', [field('userId')])),
        named('apps', agg('dcount', [field('appId')])),
      ]),
    };
  },
  shape(r) {
    const value = (r['codes'] ?? []).map((x) => ({ errorCode: x['errorCode'], failureReason: x['failureReason'] ?? null, failures: num(x['failures']), users: num(x['users']), apps: num(x['apps']) })).sort(byDesc('failures'));
    return { summary: { failures: value.reduce((s, x) => s + x.failures, 0) }, tables: { value } };
  },
};

/** "Edge 120.0.2210" → "Edge": the family, so versions do not split the answer. */
const family = (e: Expr): Expr => call('coalesce', call('extract', lit('^(.*?)\\s*[0-9][0-9.]*$'), lit(1, 'int'), e), e);

function byClient(name: string, description: string, path: [string, string]): ReportDef {
  return {
    name, description,
    params: [{ ...SCOPE, default: 'user' }],
    defaultRange: (now) => lastDays(now, 7),
    build(ctx) {
      // Group by the stored version string (enriched at ingest) and derive the family on the few
      // grouped rows: the family is a function of the version, so the groups are the same, and the
      // regex runs once per version instead of once per sign-in.
      const byVersion = aggregate(scoped(ctx), [named('version', field(...path))], [
        named('signIns', agg('count')), named('succeeded', agg('count', [], { filter: succeeded() })), named('users', agg('dcount', [field('userId')])),
      ]);
      return {
        rows: project(byVersion, [named('name', family(field('version'))), ...['version', 'signIns', 'succeeded', 'users'].map((c) => named(c, field(c)))]),
      };
    },
    shape(r) {
      const fam = new Map<string, { name: string; signIns: number; succeeded: number; versions: number }>();
      for (const x of r['rows'] ?? []) {
        const k = (x['name'] as string | null) ?? '(unknown)';
        const f = fam.get(k) ?? { name: k, signIns: 0, succeeded: 0, versions: 0 };
        f.signIns += num(x['signIns']);
        f.succeeded += num(x['succeeded']);
        f.versions++;
        fam.set(k, f);
      }
      const total = [...fam.values()].reduce((s, f) => s + f.signIns, 0);
      const value = [...fam.values()].map((f) => ({ ...f, sharePercent: percent(f.signIns, total), successPercent: percent(f.succeeded, f.signIns) })).sort(byDesc('signIns'));
      const versions = (r['rows'] ?? []).map((x) => ({ name: x['name'], version: x['version'], signIns: num(x['signIns']), users: num(x['users']) })).sort(byDesc('signIns'));
      return { tables: { value, versions } };
    },
  };
}

export const browsersReport = byClient('signInsByBrowser', 'User sign-ins by browser (family, then exact version)', ['deviceDetail', 'browser']);
export const operatingSystemsReport = byClient('signInsByOperatingSystem', 'User sign-ins by operating system', ['deviceDetail', 'operatingSystem']);

export const workloadResourcesReport: ReportDef = {
  name: 'workloadResources',
  description: 'Which resources service principals and managed identities accessed',
  params: [],
  defaultRange: (now) => lastDays(now, 30),
  build(ctx) {
    const rel = where(scan('signIns', ctx.tenantId), and(inRange('createdDateTime', ctx.range), isWorkloadSignIn()));
    const kind = caseWhen([{ when: eventTypeIn(['managedIdentity']), then: lit('managedIdentity') }], lit('servicePrincipal'));
    return {
      rows: aggregate(rel, [named('identityType', kind), named('appId', field('appId')), named('resourceId', field('resourceId'))], [
        named('servicePrincipalName', agg('max', [call('coalesce', field('servicePrincipalName'), field('appDisplayName'))])),
        named('servicePrincipalId', agg('max', [field('servicePrincipalId')])),
        named('resourceDisplayName', agg('max', [field('resourceDisplayName')])),
        named('signIns', agg('count')),
        named('failures', agg('count', [], { filter: not(succeeded()) })),
        named('lastSignInDateTime', agg('max', [field('createdDateTime')])),
      ]),
    };
  },
  shape(r) {
    const value = (r['rows'] ?? []).map((x): Row => ({ ...x, signIns: num(x['signIns']), failures: num(x['failures']) }))
      .sort((a, b) => String(a['servicePrincipalName']).localeCompare(String(b['servicePrincipalName'])) || num(b['signIns']) - num(a['signIns']));
    return { tables: { value } };
  },
};

