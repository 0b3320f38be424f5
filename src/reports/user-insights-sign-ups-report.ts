// Graph beta /reports/userInsights/{daily|monthly}/signUps (spec 1.9): completed sign-ups per day
// or month, application and identity provider (userSignUpMetric). A sign-up counts when its
// userCreation event succeeded (errorCode 0 or an expected interruption), as in the funnel.
// browser, country, language and os are not in sign-up logs and stay null.
import { agg, aggregate, and, call, eq, field, inList, lit, named, or, scan, where } from '../query/ir/index.ts';
import { inRange } from './report-exprs.ts';
import { SIGN_UP_INTERRUPT_CODES } from './sign-up-stages.ts';
import { lastDays, num, type ReportDef } from './report-types.ts';
import { stableGuid } from './report-ids.ts';

export const userInsightsSignUpsReport: ReportDef = {
  name: 'userInsightsSignUps',
  description: 'Completed self-service sign-ups per day or month, app and identity provider (userInsights signUps)',
  params: [{ name: 'granularity', description: 'daily or monthly', values: ['daily', 'monthly'], default: 'daily' }],
  filterable: ['factDate', 'appId', 'identityProvider', 'count', 'browser', 'country', 'language', 'os'],
  timeProperty: 'factDate',
  defaultRange: (now, p) => lastDays(now, p['granularity'] === 'monthly' ? 365 : 30),
  build(ctx) {
    const code = field('status', 'errorCode');
    const created = where(scan('signUps', ctx.tenantId), and(
      inRange('createdDateTime', ctx.range), eq(field('signUpStage'), lit('userCreation')),
      or(eq(code, lit(0)), inList(code, SIGN_UP_INTERRUPT_CODES.map((c) => lit(c)))),
    ));
    const bucket = ctx.params['granularity'] === 'monthly' ? 'startofmonth' : 'startofday';
    return {
      rows: aggregate(created, [
        named('factDate', call(bucket, field('createdDateTime'))), named('appId', field('appId')), named('identityProvider', field('signUpIdentityProvider')),
      ], [named('count', agg('dcount', [field('correlationId')]))]),
    };
  },
  shape(r, ctx) {
    const value = (r['rows'] ?? []).map((x) => {
      const factDate = String(x['factDate']).slice(0, 10);
      return {
        id: stableGuid('signUps', ctx.params['granularity'] ?? 'daily', factDate, x['appId'] as string, x['identityProvider'] as string),
        factDate, count: num(x['count']), appId: x['appId'] ?? null, browser: null, country: null,
        identityProvider: x['identityProvider'] ?? null, language: null, os: null,
      };
    });
    value.sort((a, b) => a.factDate.localeCompare(b.factDate) || String(a.appId).localeCompare(String(b.appId)) || String(a.identityProvider).localeCompare(String(b.identityProvider)));
    return { tables: { value } };
  },
};
