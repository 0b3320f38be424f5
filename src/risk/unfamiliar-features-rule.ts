// unfamiliarFeatures, brute-force flavour: one account takes a burst of bad-password failures
// within an hour (at least BRUTE_MIN_FAILURES). Entra's unfamiliarFeatures compares a sign-in to the
// account's history; a burst of credential guessing is the most common unfamiliar pattern logs
// alone show. High risk when a success follows in the same window (the guess worked).
import { agg, aggregate, cmp, field, lit, named, where } from '../query/ir/index.ts';
import { succeeded } from '../reports/index.ts';
import { detection, n, s } from './risk-detection.ts';
import { badCredential, hourKeys, hourOf, userSignIns } from './rule-exprs.ts';
import type { RiskRule } from './risk-types.ts';

export const BRUTE_MIN_FAILURES = 10;

export const unfamiliarFeaturesRule: RiskRule = {
  riskEventType: 'unfamiliarFeatures',
  description: `Brute force: at least ${BRUTE_MIN_FAILURES} bad-password failures on one account within an hour`,
  timing: 'realtime',
  mitreTechniqueId: 'T1110.001',
  build(ctx) {
    const rel = userSignIns(ctx.tenantId, ctx.range, { kind: 'isNull', arg: field('userPrincipalName'), negated: true });
    const windows = aggregate(rel, [named('upn', field('userPrincipalName')), ...hourKeys()], [
      named('userId', agg('max', [field('userId')])),
      named('failures', agg('count', [], { filter: badCredential() })),
      named('ips', agg('dcount', [field('ipAddress')], { filter: badCredential() })),
      named('ip', agg('arg_max', [field('ipAddress'), field('createdDateTime')], { filter: badCredential() })),
      named('first', agg('min', [field('createdDateTime')], { filter: badCredential() })),
      named('successAfter', agg('arg_max', [field('id'), field('createdDateTime')], { filter: succeeded() })),
      named('country', agg('arg_max', [field('location', 'countryOrRegion'), field('createdDateTime')], { filter: badCredential() })),
    ]);
    return where(windows, cmp('ge', field('failures'), lit(BRUTE_MIN_FAILURES)));
  },
  detect(rows) {
    return rows.map((r) => detection(this, {
      key: [s(r['upn']), hourOf(r)], level: r['successAfter'] ? 'high' : 'medium', activityDateTime: String(r['first']),
      userId: s(r['userId']), userPrincipalName: s(r['upn']), ipAddress: s(r['ip']), country: s(r['country']),
      requestId: s(r['successAfter']), info: { failedAttempts: n(r['failures']), distinctIps: n(r['ips']), pattern: 'bruteForce' },
    }));
  },
};
