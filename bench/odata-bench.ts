// OData list latency per filter form: the first page of the Graph list path (parse → plan → store,
// including the page reader) next to the same question written by hand in SQL on the same file.
// Two hand-written floors are reported: the naive statement a person writes
// (`SELECT * … ORDER BY time DESC, id DESC LIMIT n`) and the same filter counting matches only.
// Prints nothing and asserts nothing: bench/main.ts (or odata-bench-run.ts) prints the table.
import { LOG_KINDS } from '../src/model/index.ts';
import { buildListPlan } from '../src/api/graph-list-plan.ts';
import { parseListOptions } from '../src/query/odata/index.ts';
import type { DuckDbStore } from '../src/store/index.ts';

export interface FilterForm {
  readonly name: string;
  readonly filter: string;
  /** The same condition by hand (beta default scope included), against table sign_ins. */
  readonly sql: string;
}

export interface FormResult {
  readonly name: string;
  readonly filter: string;
  readonly rows: number;
  /**
   * The page asked again after NEW_RECORDS records arrived since it was last answered: the steady
   * state of a live log (remembered keys plus a query over the newer records; see
   * page-keys-cache.ts). min is printed too: on a shared machine it shows the unloaded floor.
   */
  readonly odata: { min: number; p50: number; p99: number };
  /** The same page asked again with nothing new: remembered keys, records from the record cache. */
  readonly repeat: { min: number; p50: number; p99: number };
  /** The same OData read with nothing remembered (no keys, no records): a page nobody read before. */
  readonly cold: { min: number; p50: number; p99: number };
  readonly handSql: { min: number; p50: number; p99: number };
  /** odata p50 / hand-written p50. */
  readonly ratio: number;
}

/** Records "arrived" between asks of the live measure (PageKeysCache.rewind). */
export const NEW_RECORDS = 1000;

const SCOPE = `list_contains("signInEventTypes", 'interactiveUser')`;

export const FORMS: readonly FilterForm[] = [
  { name: 'newest page (no filter)', filter: '', sql: SCOPE },
  { name: 'status/errorCode eq', filter: 'status/errorCode eq 50126', sql: `${SCOPE} AND status."errorCode" = 50126` },
  { name: 'errorCode ne 0 + time range', filter: 'createdDateTime ge 2026-11-15T00:00:00Z and status/errorCode ne 0',
    sql: `${SCOPE} AND "createdDateTime" >= TIMESTAMP_NS '2026-11-15 00:00:00' AND (status."errorCode" IS NULL OR status."errorCode" <> 0)` },
  { name: 'startswith + nested eq', filter: "startswith(appDisplayName,'Graph') and location/countryOrRegion eq 'JP'",
    sql: `${SCOPE} AND starts_with(lower("appDisplayName"), 'graph') AND lower(location."countryOrRegion") = 'jp'` },
  { name: 'lambda any (non-interactive)', filter: "signInEventTypes/any(t: t eq 'nonInteractiveUser')", sql: `list_contains("signInEventTypes", 'nonInteractiveUser')` },
  { name: 'time window (1 day, mid-range)', filter: 'createdDateTime ge 2026-11-10T00:00:00Z and createdDateTime le 2026-11-11T00:00:00Z',
    sql: `${SCOPE} AND "createdDateTime" >= TIMESTAMP_NS '2026-11-10 00:00:00' AND "createdDateTime" <= TIMESTAMP_NS '2026-11-11 00:00:00'` },
  { name: 'or chain of 12 users (→ IN)', filter: Array.from({ length: 12 }, (_, i) => `userPrincipalName eq 'user${i * 7}@contoso.example'`).join(' or '),
    sql: `${SCOPE} AND lower("userPrincipalName") IN (${Array.from({ length: 12 }, (_, i) => `'user${i * 7}@contoso.example'`).join(', ')})` },
  { name: 'one rare user (sparse page)', filter: "userPrincipalName eq 'user6@contoso.example'", sql: `${SCOPE} AND lower("userPrincipalName") = 'user6@contoso.example'` },
];

function stats(ts: number[]): { min: number; p50: number; p99: number } {
  const s = [...ts].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!;
  return { min: round(s[0]!), p50: round(q(0.5)), p99: round(q(0.99)) };
}
const round = (x: number) => Math.round(x * 100) / 100;

export interface BenchOptions {
  readonly runs?: number;
  readonly top?: number;
  readonly forms?: readonly FilterForm[];
}

/** Per-filter-form first-page latency (ms) of the OData path and of the hand-written SQL, interleaved. */
export async function benchOData(store: DuckDbStore, tenantId: string, o: BenchOptions = {}): Promise<FormResult[]> {
  const runs = o.runs ?? 30;
  const top = o.top ?? 50;
  const def = LOG_KINDS.signIns;
  const out: FormResult[] = [];
  for (const form of o.forms ?? FORMS) {
    const hand = `SELECT * FROM sign_ins WHERE _tenant = $1 AND ${form.sql} ORDER BY "createdDateTime" DESC, id DESC LIMIT ${top + 1}`;
    const viaOData = async () => {
      const opts = parseListOptions(def, 'beta', form.filter ? { $filter: form.filter, $top: String(top) } : { $top: String(top) });
      return store.readRecords('signIns', buildListPlan(def, 'beta', tenantId, opts, null));
    };
    const viaSql = () => store.rawQuery(hand, [tenantId]);
    // Warm both, and check they agree before timing anything.
    const a = await viaOData();
    const b = await viaSql();
    if (a.map((r) => r['id']).join() !== b.map((r) => r['id']).join()) throw new Error(`${form.name}: OData and SQL pages differ`);
    const to: number[] = [];
    const tr: number[] = [];
    const ts: number[] = [];
    const tc: number[] = [];
    for (let i = 0; i < runs; i++) {
      // Interleaved, so background load on a shared machine hits all sides alike.
      store.dropRecordCache();
      let t = performance.now();
      await viaOData();
      tc.push(performance.now() - t);
      store.rewindPageKeys(NEW_RECORDS);
      t = performance.now();
      await viaOData();
      to.push(performance.now() - t);
      t = performance.now();
      await viaOData();
      tr.push(performance.now() - t);
      t = performance.now();
      await viaSql();
      ts.push(performance.now() - t);
    }
    const odata = stats(to);
    const handSql = stats(ts);
    out.push({ name: form.name, filter: form.filter, rows: a.length, odata, repeat: stats(tr), cold: stats(tc), handSql, ratio: round(odata.p50 / handSql.p50) });
  }
  return out;
}

export function formatOData(results: readonly FormResult[], label: string): string {
  const lines = [`OData first page (${label}); ms; odata = asked again after ${NEW_RECORDS} new records; repeat = nothing new;`,
    'cold = nothing remembered (no page keys, no records); ratio = odata p50 / hand-written SQL p50',
    `${'form'.padEnd(34)} ${'rows'.padStart(4)} ${'odata min'.padStart(10)} ${'p50'.padStart(8)} ${'p99'.padStart(8)} ${'repeat p50'.padStart(10)} ${'cold p50'.padStart(9)} ${'SQL min'.padStart(9)} ${'p50'.padStart(8)} ${'p99'.padStart(8)} ${'ratio'.padStart(6)}`];
  for (const r of results) {
    const n = (x: number, w: number) => x.toFixed(1).padStart(w);
    lines.push(`${r.name.padEnd(34)} ${String(r.rows).padStart(4)} ${n(r.odata.min, 10)} ${n(r.odata.p50, 8)} ${n(r.odata.p99, 8)} ${n(r.repeat.p50, 10)} ${n(r.cold.p50, 9)} ${n(r.handSql.min, 9)} ${n(r.handSql.p50, 8)} ${n(r.handSql.p99, 8)} ${r.ratio.toFixed(2).padStart(6)}`);
  }
  return lines.join('\n');
}

/** The harness section (`npm run bench -- --only odata`): each filter form beside its hand-written SQL. */
export async function odataSection(ctx: import('./bench-context.ts').BenchContext): Promise<import('./figures.ts').Figure[]> {
  const rows = await benchOData(ctx.store, ctx.tenantId, { runs: ctx.runs });
  return rows.flatMap((r) => [{
    section: 'odata', name: `first page: ${r.name}`, unit: 'ms', value: r.odata.p50, p99: r.odata.p99, better: 'lower' as const,
    target: { op: '<=' as const, value: 10 }, floor: r.handSql.p50, floorP99: r.handSql.p99, floorRatioTarget: { op: '<=' as const, value: 1.2 },
  }, {
    // Informational: asked again with nothing new (remembered keys, cached records).
    section: 'odata', name: `first page, asked again, nothing new: ${r.name}`, unit: 'ms', value: r.repeat.p50, p99: r.repeat.p99, better: 'lower' as const,
  }, {
    // Informational: the page with nothing cached (a page nobody has read since ingest or restart).
    section: 'odata', name: `first page, nothing remembered: ${r.name}`, unit: 'ms', value: r.cold.p50, p99: r.cold.p99, better: 'lower' as const,
  }]);
}
