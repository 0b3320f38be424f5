// anonymizedIPAddress: a sign-in from a known anonymising network (Tor exit) — Entra's real-time,
// non-premium detection. One detection per account, IP and UTC day, not per sign-in, so a session
// of token refreshes does not flood the list.
import { agg, aggregate, and, call, field, lit, named, or } from '../query/ir/index.ts';
import { detection, n, s } from './risk-detection.ts';
import { userSignIns } from './rule-exprs.ts';
import { ANONYMIZING_PREFIXES } from './anonymous-ip-list.ts';
import type { RiskRule } from './risk-types.ts';

export const anonymizedIpAddressRule: RiskRule = {
  riskEventType: 'anonymizedIPAddress',
  description: 'Sign-in from an IP address of a known anonymising network (bundled Tor exit list)',
  timing: 'realtime',
  mitreTechniqueId: 'T1090.003',
  build(ctx) {
    const fromTor = or(...ANONYMIZING_PREFIXES.map((p) => call('startswith_cs', field('ipAddress'), lit(p))));
    const rel = userSignIns(ctx.tenantId, ctx.range, and(fromTor));
    return aggregate(rel, [named('upn', field('userPrincipalName')), named('ip', field('ipAddress')), named('day', call('startofday', field('createdDateTime')))], [
      named('userId', agg('max', [field('userId')])),
      named('first', agg('min', [field('createdDateTime')])),
      named('requestId', agg('arg_min', [field('id'), field('createdDateTime')])),
      named('correlationId', agg('arg_min', [field('correlationId'), field('createdDateTime')])),
      named('signIns', agg('count')),
      named('country', agg('max', [field('location', 'countryOrRegion')])),
      named('city', agg('max', [field('location', 'city')])),
    ]);
  },
  detect(rows) {
    return rows.map((r) => detection(this, {
      key: [s(r['upn']), s(r['ip']), s(r['day'])], level: 'medium', activityDateTime: String(r['first']),
      userId: s(r['userId']), userPrincipalName: s(r['upn']), ipAddress: s(r['ip']), country: s(r['country']), city: s(r['city']),
      requestId: s(r['requestId']), correlationId: s(r['correlationId']), info: { signIns: n(r['signIns']) },
    }));
  },
};
