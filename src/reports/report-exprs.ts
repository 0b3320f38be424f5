// IR fragments shared by reports and risk rules: time windows and the sign-in event-type tests.
import {
  and, cmp, dt, eq, field, inList, isNull, lambda, lit, call, not, or, v, type Expr,
} from '../query/ir/index.ts';
import type { TimeRange } from './report-types.ts';

export function inRange(timeField: string, r: TimeRange): Expr {
  return and(cmp('ge', field(timeField), dt(r.from)), cmp('lt', field(timeField), dt(r.to)));
}

/**
 * The sign-in is of one of these event types. Graph v1.0 records often carry no
 * signInEventTypes at all; those are interactive user sign-ins (the only kind v1.0 lists), so an
 * empty list counts as interactiveUser.
 */
export function eventTypeIn(types: readonly string[]): Expr {
  const listed = lambda('any', field('signInEventTypes'), 'et', inList(v('et'), types.map((t) => lit(t))));
  if (!types.includes('interactiveUser')) return listed;
  // array_length, not isempty: isempty renders as a text cast of the whole list on every row.
  return or(listed, cmp('eq', call('array_length', field('signInEventTypes')), lit(0)));
}

export const isInteractive = (): Expr => eventTypeIn(['interactiveUser']);
export const isNonInteractive = (): Expr => eventTypeIn(['nonInteractiveUser']);
export const isUserSignIn = (): Expr => eventTypeIn(['interactiveUser', 'nonInteractiveUser']);
export const isWorkloadSignIn = (): Expr => eventTypeIn(['servicePrincipal', 'managedIdentity']);

export const succeeded = (): Expr => eq(field('status', 'errorCode'), lit(0));
export const failed = (): Expr => not(succeeded());
export const present = (e: Expr): Expr => isNull(e, true);
