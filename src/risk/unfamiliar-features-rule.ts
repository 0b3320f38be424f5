// unfamiliarFeatures, brute-force flavour: one account takes a burst of bad-password failures
// within an hour (at least BRUTE_MIN_FAILURES). Entra's unfamiliarFeatures compares a sign-in to the
// account's history; a burst of credential guessing is the most common unfamiliar pattern logs
// alone show. High risk when a success follows in the same window (the guess worked).
import { agg, cmp, field, isNull, lit, named } from '../query/ir/index.ts';
import { succeeded } from '../reports/index.ts';
import { detection, n, s } from './risk-detection.ts';
import { badCredential, hourOf, userSignIns } from './rule-exprs.ts';
import { burstWindows, type BurstSpec } from './burst-windows.ts';
import type { RiskRule, RiskRuleContext } from './risk-types.ts';

export const BRUTE_MIN_FAILURES = 10;

/** Windows of one account's hour with many bad-password failures. */
export function unfamiliarFeaturesSpec(ctx: RiskRuleContext): BurstSpec {
  return {
    rows: userSignIns(ctx.tenantId, ctx.range, isNull(field('userPrincipalName'), true)),
    key: { name: 'upn', column: 'userPrincipalName' },
    rare: badCredential(),
    rareAggs: [
      { name: 'failures', agg: agg('count') },
      { name: 'ips', agg: agg('dcount', [field('ipAddress')]) },
      { name: 'ip', agg: agg('arg_max', [field('ipAddress'), field('createdDateTime')]) },
      { name: 'first', agg: agg('min', [field('createdDateTime')]) },
      { name: 'country', agg: agg('arg_max', [field('location', 'countryOrRegion'), field('createdDateTime')]) },
    ],
    keep: cmp('ge', field('failures'), lit(BRUTE_MIN_FAILURES)),
    detail: [named('userId', field('userId')), named('id', field('id')), named('ok', succeeded())],
    allAggs: [
      named('userId', agg('max', [field('userId')])),
      named('successAfter', agg('arg_max', [field('id'), field('createdDateTime')], { filter: field('ok') })),
    ],
  };
}

export const unfamiliarFeaturesRule: RiskRule = {
  riskEventType: 'unfamiliarFeatures',
  description: `Brute force: at least ${BRUTE_MIN_FAILURES} bad-password failures on one account within an hour`,
  timing: 'realtime',
  mitreTechniqueId: 'T1110.001',
  build(ctx) {
    return burstWindows(unfamiliarFeaturesSpec(ctx));
  },
  detect(rows) {
    return rows.map((r) => detection(this, {
      key: [s(r['upn']), hourOf(r)], level: r['successAfter'] ? 'high' : 'medium', activityDateTime: String(r['first']),
      userId: s(r['userId']), userPrincipalName: s(r['upn']), ipAddress: s(r['ip']), country: s(r['country']),
      requestId: s(r['successAfter']), info: { failedAttempts: n(r['failures']), distinctIps: n(r['ips']), pattern: 'bruteForce' },
    }));
  },
};
