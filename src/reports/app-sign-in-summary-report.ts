// Graph beta getAzureADApplicationSignInSummary(period='D1|D7|D30') and
// applicationSignInDetailedSummary (spec 1.2, 1.3). Like the portal's "Application activity",
// both count interactive user sign-ins only; a failure is any non-zero errorCode (interrupts
// included), success % = successful / (successful + failed).
import { agg, aggregate, call, field, named, scan, where, and, type Relation } from '../query/ir/index.ts';
import { inRange, isInteractive, succeeded } from './report-exprs.ts';
import { lastDays, num, periodDays, type ReportDef, type ReportContext } from './report-types.ts';
import { stableGuid } from './report-ids.ts';

const PERIOD = { name: 'period', description: 'D1, D7 or D30 (days back from now)', values: ['D1', 'D7', 'D30'], default: 'D7' } as const;

function interactive(ctx: ReportContext): Relation {
  return where(scan('signIns', ctx.tenantId), and(inRange('createdDateTime', ctx.range), isInteractive()));
}

export const appSignInSummaryReport: ReportDef = {
  name: 'applicationSignInSummary',
  description: 'Per application: successful and failed interactive sign-ins and success % (getAzureADApplicationSignInSummary)',
  params: [PERIOD],
  defaultRange: (now, p) => lastDays(now, periodDays(p['period'] ?? 'D7')),
  build(ctx) {
    return {
      apps: aggregate(interactive(ctx), [named('appId', field('appId'))], [
        named('appDisplayName', agg('max', [field('appDisplayName')])),
        named('ok', agg('count', [], { filter: succeeded() })),
        named('total', agg('count')),
      ]),
    };
  },
  shape(r) {
    const value = (r['apps'] ?? []).map((x) => {
      const ok = num(x['ok']);
      const failed = num(x['total']) - ok;
      return {
        id: x['appId'], appDisplayName: x['appDisplayName'] ?? '', successfulSignInCount: ok, failedSignInCount: failed,
        successPercentage: Math.round((ok / (ok + failed)) * 10000) / 100,
      };
    });
    value.sort((a, b) => b.successfulSignInCount + b.failedSignInCount - (a.successfulSignInCount + a.failedSignInCount) || String(a.id).localeCompare(String(b.id)));
    return { tables: { value } };
  },
};

export const appSignInDetailedSummaryReport: ReportDef = {
  name: 'applicationSignInDetailedSummary',
  description: 'Interactive sign-ins per application, UTC day and status code (applicationSignInDetailedSummary)',
  params: [],
  // Graph documents `$filter` without naming properties; these are the row's own. No timeProperty:
  // a bound inside a day would cut that day's aggregate short.
  filterable: ['id', 'appId', 'appDisplayName', 'aggregatedEventDateTime', 'signInCount', 'status/errorCode'],
  defaultRange: (now) => lastDays(now, 30),
  build(ctx) {
    return {
      rows: aggregate(interactive(ctx), [
        named('appId', field('appId')),
        named('day', call('startofday', field('createdDateTime'))),
        named('errorCode', field('status', 'errorCode')),
      ], [
        named('appDisplayName', agg('max', [field('appDisplayName')])),
        named('failureReason', agg('max', [field('status', 'failureReason')])),
        named('signInCount', agg('count')),
      ]),
    };
  },
  shape(r) {
    const value = (r['rows'] ?? []).map((x) => ({
      id: stableGuid('appDetail', x['appId'] as string, x['day'] as string, x['errorCode'] as number),
      appId: x['appId'], appDisplayName: x['appDisplayName'] ?? '', aggregatedEventDateTime: x['day'],
      signInCount: num(x['signInCount']),
      status: { errorCode: x['errorCode'], failureReason: x['errorCode'] === 0 ? null : x['failureReason'] ?? null, additionalDetails: null },
    }));
    value.sort((a, b) => String(b.aggregatedEventDateTime).localeCompare(String(a.aggregatedEventDateTime)) || String(a.appId).localeCompare(String(b.appId)) || num(a.status.errorCode) - num(b.status.errorCode));
    return { tables: { value } };
  },
};
