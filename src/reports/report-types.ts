// What a report is: a named entry that builds IR plans for a tenant and time range and shapes
// the rows into an answer. The API, the CLI and the bench all drive reports through this one
// table, so a report exists once and runs on every backend the IR compiles to.
import type { Relation } from '../query/ir/index.ts';
import type { FilterAst } from './report-filter.ts';
import type { LastSignInReader } from './last-sign-in-index.ts';

/** Derived tables a report may read instead of its plans (each optional: absent means use the logs). */
export interface ReportSources {
  readonly lastSignIns?: LastSignInReader;
}

/** A half-open UTC time range [from, to) as ISO-8601 strings. */
export interface TimeRange {
  readonly from: string;
  readonly to: string;
}

export interface ReportParam {
  readonly name: string;
  readonly description: string;
  /** Allowed values, when the parameter is an enumeration. */
  readonly values?: readonly string[];
  readonly default?: string;
}

export interface ReportContext {
  readonly tenantId: string;
  readonly range: TimeRange;
  /** Validated parameters (defaults filled in). */
  readonly params: Readonly<Record<string, string>>;
  /** The clock reading the request was made at; reports never read the clock themselves. */
  readonly now: Date;
  /** A parsed `$filter`, for reports that apply it inside their plan (`filterInPlan`). */
  readonly filter?: FilterAst | null;
  /** Row cap for per-event reports. */
  readonly top?: number;
}

export type Row = Record<string, unknown>;

/** A report's answer: an optional summary object and named tables of rows (printable by the CLI). */
export interface ReportOutput {
  readonly summary?: Record<string, unknown>;
  readonly tables: Readonly<Record<string, readonly Row[]>>;
}

export interface ReportDef {
  readonly name: string;
  readonly description: string;
  readonly params: readonly ReportParam[];
  /**
   * The range used when the caller gives none. Graph's period functions (D1/D7/D30) and the
   * "this week"/"last 24 hours" questions each have their own natural window.
   */
  defaultRange(now: Date, params: Readonly<Record<string, string>>): TimeRange;
  /** Properties of the `value` rows a `$filter` may name (Graph-shaped reports). */
  readonly filterable?: readonly string[];
  /**
   * True when build() applies ctx.filter itself (per-event lists, where filtering after a row cap
   * would be wrong); otherwise the caller filters the shaped `value` rows.
   */
  readonly filterInPlan?: boolean;
  /** The property that carries the row's time, used to narrow the scan from a `$filter`. */
  readonly timeProperty?: string;
  /**
   * Answer from a derived table when it can serve ctx exactly; null falls back to build(). The
   * result has the same named row sets build() would produce, so shape() is shared.
   */
  fromSources?(sources: ReportSources, ctx: ReportContext): Promise<Readonly<Record<string, readonly Row[]>> | null>;
  /** One IR plan per named query; all run concurrently. */
  build(ctx: ReportContext): Readonly<Record<string, Relation>>;
  shape(results: Readonly<Record<string, readonly Row[]>>, ctx: ReportContext): ReportOutput;
}

export class ReportError extends Error {
  constructor(message: string, readonly code: 'IDT_REPORT_UNKNOWN' | 'IDT_REPORT_PARAM' = 'IDT_REPORT_PARAM') {
    super(message);
    this.name = 'ReportError';
  }
}

const DAY_MS = 86_400_000;

export function lastDays(now: Date, days: number): TimeRange {
  return { from: new Date(now.getTime() - days * DAY_MS).toISOString(), to: now.toISOString() };
}

/** Graph period parameters: `D1|D7|D30` (case-insensitive), as days. */
export function periodDays(period: string): number {
  const m = /^d(1|7|30)$/i.exec(period.trim());
  if (!m) throw new ReportError(`period must be one of D1, D7, D30, got '${period}'`);
  return Number(m[1]);
}

export const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
export const ratio = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole);
/** Percent with two decimals, as the portal shows it. */
export const percent = (part: number, whole: number): number => Math.round(ratio(part, whole) * 10000) / 100;
