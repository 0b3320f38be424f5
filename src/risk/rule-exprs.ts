// IR pieces the risk rules share: hour windows, failure codes, the sign-in scans they start from.
import { and, call, field, inList, lit, named, scan, where, type Expr, type NamedExpr, type Relation } from '../query/ir/index.ts';
import { inRange, isUserSignIn, type TimeRange } from '../reports/index.ts';

/**
 * Hour windows as two group keys (UTC day, hour of day) rather than bin(): both are plain calendar
 * functions every dialect renders the same way.
 */
export const hourKeys = (): NamedExpr[] => [
  named('day', call('startofday', field('createdDateTime'))),
  named('hr', call('hourofday', field('createdDateTime'))),
];
/** The window's start as ISO text, from a row grouped by hourKeys(). */
export function hourOf(r: Record<string, unknown>): string {
  const d = new Date(Date.parse(String(r['day'])) + Number(r['hr']) * 3_600_000);
  return d.toISOString().replace('.000Z', 'Z');
}
/** 50126 = bad password, 50053 = locked out (repeated bad passwords), 50034 = no such user. */
export const BAD_CREDENTIAL_CODES = [50126, 50053, 50034];
export const badCredential = (): Expr => inList(field('status', 'errorCode'), BAD_CREDENTIAL_CODES.map((c) => lit(c)));
/** 500121 = the MFA prompt was denied or not answered. */
export const MFA_FAILED_CODE = 500121;

export function userSignIns(tenantId: string, range: TimeRange, ...preds: Expr[]): Relation {
  return where(scan('signIns', tenantId), and(inRange('createdDateTime', range), isUserSignIn(), ...preds));
}

/** Widen a range backwards to read a behavioural baseline before it. */
export function withBaseline(range: TimeRange, days: number): TimeRange {
  return { from: new Date(Date.parse(range.from) - days * 86_400_000).toISOString(), to: range.to };
}
