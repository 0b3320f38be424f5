// mfaFatigue: a burst of denied or unanswered MFA prompts (errorCode 500121) for one account within
// an hour — someone holding the password pushes prompts until the user gives in. Graph has no
// riskEventType for it (riskEventType is a free string on the wire); Entra's nearest is
// userReportedSuspiciousActivity, which needs the user to report the prompt. High risk when an MFA
// success follows in the same window.
import { agg, cmp, eq, field, isNull, lit, named } from '../query/ir/index.ts';
import { succeeded } from '../reports/index.ts';
import { detection, n, s } from './risk-detection.ts';
import { hourOf, MFA_FAILED_CODE, userSignIns } from './rule-exprs.ts';
import { burstWindows, type BurstSpec } from './burst-windows.ts';
import type { RiskRule, RiskRuleContext } from './risk-types.ts';

export const FATIGUE_MIN_PROMPTS = 5;

/** Windows of one account's hour with many denied MFA prompts. */
export function mfaFatigueSpec(ctx: RiskRuleContext): BurstSpec {
  return {
    rows: userSignIns(ctx.tenantId, ctx.range, isNull(field('userPrincipalName'), true)),
    key: { name: 'upn', column: 'userPrincipalName' },
    rare: eq(field('status', 'errorCode'), lit(MFA_FAILED_CODE)),
    rareAggs: [
      { name: 'prompts', agg: agg('count') },
      { name: 'first', agg: agg('min', [field('createdDateTime')]) },
      { name: 'ip', agg: agg('arg_max', [field('ipAddress'), field('createdDateTime')]) },
    ],
    keep: cmp('ge', field('prompts'), lit(FATIGUE_MIN_PROMPTS)),
    detail: [named('userId', field('userId')), named('id', field('id')), named('ok', succeeded())],
    allAggs: [
      named('userId', agg('max', [field('userId')])),
      named('successAfter', agg('arg_max', [field('id'), field('createdDateTime')], { filter: field('ok') })),
    ],
  };
}

export const mfaFatigueRule: RiskRule = {
  riskEventType: 'mfaFatigue',
  description: `At least ${FATIGUE_MIN_PROMPTS} failed MFA prompts (500121) on one account within an hour`,
  timing: 'realtime',
  mitreTechniqueId: 'T1621',
  build(ctx) {
    return burstWindows(mfaFatigueSpec(ctx));
  },
  detect(rows) {
    return rows.map((r) => detection(this, {
      key: [s(r['upn']), hourOf(r)], level: r['successAfter'] ? 'high' : 'medium', activityDateTime: String(r['first']),
      userId: s(r['userId']), userPrincipalName: s(r['upn']), ipAddress: s(r['ip']), requestId: s(r['successAfter']),
      info: { failedMfaPrompts: n(r['prompts']) },
    }));
  },
};
