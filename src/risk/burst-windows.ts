// Hour windows with a burst of some rare event (bad passwords, denied MFA prompts) per key (an IP, an
// account), planned in two stages. The plain plan groups every sign-in of the range by (key, hour)
// and keeps the few windows with a burst: on 10M sign-ins that is millions of groups and seconds.
// Here stage 1 groups only the rare rows (a filter the scan applies on status/errorCode) and keeps
// the bursting windows; stage 2 joins those few windows back to the sign-ins of their keys (the
// join's key filter is pushed into the scan) for the aggregates over every sign-in of the window,
// such as "was there a success in the same hour". Same rows out as the plain plan (burstWindowsOnePass),
// which the tests hold it to.
import {
  agg, aggregate, and, eq, extendRel, field, join, named, project, v, where, type AggExpr, type Expr, type NamedExpr, type Relation,
} from '../query/ir/index.ts';
import { hourKeys } from './rule-exprs.ts';

export interface BurstSpec {
  /** The rule's sign-ins (tenant, range, scope and a non-null key already applied). */
  readonly rows: Relation;
  /** The output name of the key and the top-level column it is read from. */
  readonly key: { readonly name: string; readonly column: string };
  /** The rare event the burst is made of. */
  readonly rare: Expr;
  /** Aggregates over the window's rare rows only (written without a filter). */
  readonly rareAggs: ReadonlyArray<{ readonly name: string; readonly agg: AggExpr }>;
  /** Which windows are bursts, over the key, day, hr and rareAggs columns. */
  readonly keep: Expr;
  /**
   * The per-sign-in values allAggs read, as top-level columns: stage 2 reads them after a join,
   * where ClickHouse cannot reach into objects (status/errorCode), so they are computed before it.
   */
  readonly detail: readonly NamedExpr[];
  /** Aggregates over every sign-in of a kept window, over the key, createdDateTime and detail columns. */
  readonly allAggs: readonly NamedExpr[];
}

// Stage-1 columns carry this prefix through the join so they cannot collide with (and be renamed
// against) the sign-in columns on the other side; Graph property names have no underscore.
const W = 'burst_';

export function burstWindows(spec: BurstSpec): Relation {
  const keyCols = [spec.key.name, 'day', 'hr'];
  const bursts = where(aggregate(where(spec.rows, spec.rare), [named(spec.key.name, field(spec.key.column)), ...hourKeys()],
    spec.rareAggs.map((a) => named(a.name, a.agg))), spec.keep);
  const stage1 = project(bursts, [...keyCols, ...spec.rareAggs.map((a) => a.name)].map((c) => named(W + c, field(c))));
  // Join on the key alone (an equality every engine can hash and push into the scan), then keep
  // the sign-ins of the window's hour.
  const detail = project(spec.rows, [named(spec.key.column, field(spec.key.column)), named('createdDateTime', field('createdDateTime')), ...spec.detail]);
  const joined = join('inner', stage1, detail, eq(field(W + spec.key.name), v('right', spec.key.column)));
  const [day, hr] = hourKeys();
  const inWindow = where(joined, and(eq(day!.expr, field(W + 'day')), eq(hr!.expr, field(W + 'hr'))));
  return aggregate(inWindow, keyCols.map((c) => named(c, field(W + c))), [
    // Constant within a group (one stage-1 row per window): max just carries it through.
    ...spec.rareAggs.map((a) => named(a.name, agg('max', [field(W + a.name)]))),
    ...spec.allAggs,
  ]);
}

/** The plain single-aggregate plan with the same output: the definition burstWindows is tested against. */
export function burstWindowsOnePass(spec: BurstSpec): Relation {
  const windows = aggregate(extendRel(spec.rows, [...spec.detail]), [named(spec.key.name, field(spec.key.column)), ...hourKeys()], [
    ...spec.rareAggs.map((a) => named(a.name, { ...a.agg, filter: spec.rare })),
    ...spec.allAggs,
  ]);
  return where(windows, spec.keep);
}
