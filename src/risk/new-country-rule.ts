// newCountry: an identity (user, or service principal for app-only sign-ins) successfully signs in
// from a country it has never used, after having a history of at least NEW_COUNTRY_MIN_HISTORY_DAYS
// days (so a new account's first countries are its baseline, not anomalies). Reads up to
// NEW_COUNTRY_BASELINE_DAYS before the range as history.
import { agg, aggregate, and, call, cmp, dt, field, isNull, lit, named, scan, where, type Relation } from '../query/ir/index.ts';
import { inRange, succeeded } from '../reports/index.ts';
import { detection, n, s } from './risk-detection.ts';
import { withBaseline } from './rule-exprs.ts';
import type { RiskRule } from './risk-types.ts';

export const NEW_COUNTRY_BASELINE_DAYS = 90;
// Short, so a week-long demo or a new deployment still has a baseline; Entra learns for up to 14 days.
export const NEW_COUNTRY_MIN_HISTORY_DAYS = 2;

export const newCountryRule: RiskRule = {
  riskEventType: 'newCountry',
  description: `First successful sign-in of an identity from a country, after ${NEW_COUNTRY_MIN_HISTORY_DAYS}+ days of history`,
  timing: 'offline',
  mitreTechniqueId: 'T1078',
  build(ctx) {
    const identity = call('coalesce', field('userId'), field('servicePrincipalId'), field('appId'));
    const rel = where(scan('signIns', ctx.tenantId), and(
      inRange('createdDateTime', withBaseline(ctx.range, NEW_COUNTRY_BASELINE_DAYS)), succeeded(), isNull(field('location', 'countryOrRegion'), true),
    ));
    const withFirst: Relation = {
      kind: 'window', input: rel,
      columns: [{ name: 'identityFirst', fn: 'min', args: [field('createdDateTime')], partitionBy: [identity], orderBy: [] }],
    };
    const perCountry = aggregate(withFirst, [named('identity', identity), named('country', field('location', 'countryOrRegion'))], [
      named('first', agg('min', [field('createdDateTime')])),
      named('identityFirst', agg('min', [field('identityFirst')])),
      named('requestId', agg('arg_min', [field('id'), field('createdDateTime')])),
      named('ip', agg('arg_min', [field('ipAddress'), field('createdDateTime')])),
      named('city', agg('arg_min', [field('location', 'city'), field('createdDateTime')])),
      named('userId', agg('max', [field('userId')])),
      named('upn', agg('max', [call('coalesce', field('userPrincipalName'), field('servicePrincipalName'))])),
      named('signIns', agg('count')),
    ]);
    return where(perCountry, and(
      cmp('ge', field('first'), dt(ctx.range.from)),
      cmp('ge', call('datetime_diff_seconds', field('first'), field('identityFirst')), lit(NEW_COUNTRY_MIN_HISTORY_DAYS * 86400)),
    ));
  },
  detect(rows) {
    return rows.map((r) => detection(this, {
      key: [s(r['identity']), s(r['country'])], level: 'low', activityDateTime: String(r['first']), requestId: s(r['requestId']),
      userId: s(r['userId']), userPrincipalName: s(r['upn']), ipAddress: s(r['ip']), country: s(r['country']), city: s(r['city']),
      info: { identity: s(r['identity']), firstSeenInTenantUtc: s(r['identityFirst']), signInsFromCountry: n(r['signIns']) },
    }));
  },
};
