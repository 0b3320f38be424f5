// passwordSpray: one IP tries bad passwords against many accounts, a few tries each, within an
// hour. Entra raises it on the accounts whose password the spray validated (a success from the
// spraying IP in the same window) — high risk; a spray with no success is raised once for the IP
// at medium risk with no user, so an admin still sees the attack.
import { agg, and, arith, call, cmp, field, isNull, lit, named } from '../query/ir/index.ts';
import { succeeded } from '../reports/index.ts';
import { detection, list, n, s } from './risk-detection.ts';
import { badCredential, hourOf, userSignIns } from './rule-exprs.ts';
import { burstWindows, type BurstSpec } from './burst-windows.ts';
import type { RiskRule, RiskRuleContext } from './risk-types.ts';

export const SPRAY_MIN_ACCOUNTS = 10;
export const SPRAY_MAX_TRIES_PER_ACCOUNT = 3;

/** Windows of one IP's hour with bad passwords against many accounts, few tries each. */
export function passwordSpraySpec(ctx: RiskRuleContext): BurstSpec {
  return {
    rows: userSignIns(ctx.tenantId, ctx.range, isNull(field('ipAddress'), true)),
    key: { name: 'ip', column: 'ipAddress' },
    rare: badCredential(),
    rareAggs: [
      { name: 'accounts', agg: agg('dcount', [field('userPrincipalName')]) },
      { name: 'tries', agg: agg('count') },
    ],
    keep: and(
      cmp('ge', field('accounts'), lit(SPRAY_MIN_ACCOUNTS)),
      cmp('le', field('tries'), arith('mul', field('accounts'), lit(SPRAY_MAX_TRIES_PER_ACCOUNT))),
    ),
    // Plain columns, with the concat left to the aggregate: built here it would run on every sign-in.
    detail: [
      named('userId', field('userId')), named('userPrincipalName', field('userPrincipalName')), named('id', field('id')),
      named('ok', succeeded()), named('country', field('location', 'countryOrRegion')), named('city', field('location', 'city')),
    ],
    allAggs: [
      named('validated', agg('make_set', [call('concat', field('userId'), lit('|'), field('userPrincipalName'), lit('|'), field('id'))], { filter: field('ok') })),
      named('first', agg('min', [field('createdDateTime')])),
      named('country', agg('max', [field('country')])),
      named('city', agg('max', [field('city')])),
    ],
  };
}

export const passwordSprayRule: RiskRule = {
  riskEventType: 'passwordSpray',
  description: `One IP, at least ${SPRAY_MIN_ACCOUNTS} accounts with bad passwords in an hour, at most ${SPRAY_MAX_TRIES_PER_ACCOUNT} tries per account`,
  timing: 'offline',
  mitreTechniqueId: 'T1110.003',
  build(ctx) {
    return burstWindows(passwordSpraySpec(ctx));
  },
  detect(rows) {
    return rows.flatMap((r) => {
      const base = { activityDateTime: String(r['first']), ipAddress: s(r['ip']), country: s(r['country']), city: s(r['city']) };
      const info = { targetedAccounts: n(r['accounts']), failedAttempts: n(r['tries']), windowStart: hourOf(r) };
      const validated = list(r['validated']).map((x) => x.split('|'));
      if (validated.length === 0) return [detection(this, { ...base, key: [s(r['ip']), hourOf(r)], level: 'medium', info })];
      return validated.map(([userId, upn, requestId]) => detection(this, {
        ...base, key: [s(r['ip']), hourOf(r), userId ?? null], level: 'high', userId: userId ?? null, userPrincipalName: upn ?? null,
        requestId: requestId ?? null, info,
      }));
    });
  },
};
