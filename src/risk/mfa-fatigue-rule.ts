// mfaFatigue: a burst of denied or unanswered MFA prompts (errorCode 500121) for one account within
// an hour — someone holding the password pushes prompts until the user gives in. Graph has no
// riskEventType for it (riskEventType is a free string on the wire); Entra's nearest is
// userReportedSuspiciousActivity, which needs the user to report the prompt. High risk when an MFA
// success follows in the same window.
import { agg, aggregate, cmp, eq, field, lit, named, where } from '../query/ir/index.ts';
import { succeeded } from '../reports/index.ts';
import { detection, n, s } from './risk-detection.ts';
import { hourKeys, hourOf, MFA_FAILED_CODE, userSignIns } from './rule-exprs.ts';
import type { RiskRule } from './risk-types.ts';

export const FATIGUE_MIN_PROMPTS = 5;

export const mfaFatigueRule: RiskRule = {
  riskEventType: 'mfaFatigue',
  description: `At least ${FATIGUE_MIN_PROMPTS} failed MFA prompts (500121) on one account within an hour`,
  timing: 'realtime',
  mitreTechniqueId: 'T1621',
  build(ctx) {
    const rel = userSignIns(ctx.tenantId, ctx.range, { kind: 'isNull', arg: field('userPrincipalName'), negated: true });
    const failedMfa = eq(field('status', 'errorCode'), lit(MFA_FAILED_CODE));
    const windows = aggregate(rel, [named('upn', field('userPrincipalName')), ...hourKeys()], [
      named('userId', agg('max', [field('userId')])),
      named('prompts', agg('count', [], { filter: failedMfa })),
      named('first', agg('min', [field('createdDateTime')], { filter: failedMfa })),
      named('ip', agg('arg_max', [field('ipAddress'), field('createdDateTime')], { filter: failedMfa })),
      named('successAfter', agg('arg_max', [field('id'), field('createdDateTime')], { filter: succeeded() })),
    ]);
    return where(windows, cmp('ge', field('prompts'), lit(FATIGUE_MIN_PROMPTS)));
  },
  detect(rows) {
    return rows.map((r) => detection(this, {
      key: [s(r['upn']), hourOf(r)], level: r['successAfter'] ? 'high' : 'medium', activityDateTime: String(r['first']),
      userId: s(r['userId']), userPrincipalName: s(r['upn']), ipAddress: s(r['ip']), requestId: s(r['successAfter']),
      info: { failedMfaPrompts: n(r['prompts']) },
    }));
  },
};
