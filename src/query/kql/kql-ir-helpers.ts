// IR factories re-exported for the KQL front end, plus the few combinators it needs.
import type { Expr } from '../ir/index.ts';
import { and } from '../ir/index.ts';
export { agg, arith, call, caseWhen, isNull, lit, not } from '../ir/index.ts';

/** Both conditions (a filter and a null guard), flattened. */
export function replaceNothing(filter: Expr, guard: Expr): Expr {
  return and(filter, guard);
}
