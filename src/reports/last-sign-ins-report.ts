// Each user's last sign-in, last non-interactive sign-in and last successful sign-in, the
// signInActivity Entra keeps on a user (and lags up to 24 h). Over all time it reads the derived
// table kept current at each ingest commit (last-sign-in-index.ts); for a bounded range, or a
// backend without the table, it is one IR aggregate over the committed sign-ins.
// Semantics: lastSignIn = last interactive attempt of any status; lastNonInteractive = last
// non-interactive attempt; lastSuccessful = last errorCode 0 of either kind.
import { agg, aggregate, and, cmp, field, lit, named, scan, where } from '../query/ir/index.ts';
import { inRange, isInteractive, isNonInteractive, isUserSignIn, present, succeeded } from './report-exprs.ts';
import type { ReportDef } from './report-types.ts';

const ALL_TIME = '1970-01-01T00:00:00Z';
import { NIL_USER_ID } from '../store/last-sign-in-store.ts';
export { NIL_USER_ID };

export const lastSignInsReport: ReportDef = {
  name: 'lastSignIns',
  description: "Each user's last sign-in, last non-interactive sign-in and last successful sign-in (signInActivity)",
  params: [],
  filterable: ['id', 'userPrincipalName', 'signInActivity/lastSignInDateTime', 'signInActivity/lastNonInteractiveSignInDateTime', 'signInActivity/lastSuccessfulSignInDateTime'],
  // Everything retained: a user's last sign-in may be months old (that is the point of asking).
  defaultRange: (now) => ({ from: ALL_TIME, to: new Date(now.getTime() + 86_400_000).toISOString() }),
  // The derived table holds all-time maxima, so it answers only a range covering all of time.
  async fromSources(src, ctx) {
    if (!src.lastSignIns || Date.parse(ctx.range.from) > 0 || Date.parse(ctx.range.to) < ctx.now.getTime()) return null;
    const users = await src.lastSignIns.users(ctx.tenantId);
    return users ? { users } : null;
  },
  build(ctx) {
    const rel = where(scan('signIns', ctx.tenantId), and(inRange('createdDateTime', ctx.range), isUserSignIn(), present(field('userId')), cmp('ne', field('userId'), lit(NIL_USER_ID))));
    const t = field('createdDateTime');
    const last = (name: string, filter: ReturnType<typeof succeeded>) => [
      named(`${name}DateTime`, agg('max', [t], { filter })),
      named(`${name}RequestId`, agg('arg_max', [field('id'), t], { filter })),
    ];
    return {
      users: aggregate(rel, [named('id', field('userId'))], [
        named('userPrincipalName', agg('arg_max', [field('userPrincipalName'), t])),
        ...last('lastSignIn', isInteractive()),
        ...last('lastNonInteractiveSignIn', isNonInteractive()),
        ...last('lastSuccessfulSignIn', succeeded()),
      ]),
    };
  },
  shape(r) {
    const value = (r['users'] ?? []).map((x) => ({
      id: x['id'], userPrincipalName: x['userPrincipalName'] ?? null,
      signInActivity: {
        lastSignInDateTime: x['lastSignInDateTime'] ?? null, lastSignInRequestId: x['lastSignInRequestId'] ?? null,
        lastNonInteractiveSignInDateTime: x['lastNonInteractiveSignInDateTime'] ?? null, lastNonInteractiveSignInRequestId: x['lastNonInteractiveSignInRequestId'] ?? null,
        lastSuccessfulSignInDateTime: x['lastSuccessfulSignInDateTime'] ?? null, lastSuccessfulSignInRequestId: x['lastSuccessfulSignInRequestId'] ?? null,
      },
    }));
    value.sort((a, b) => String(a.userPrincipalName).localeCompare(String(b.userPrincipalName)));
    return { tables: { value } };
  },
};
