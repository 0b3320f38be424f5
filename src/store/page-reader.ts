// Fast first pages for "newest N records matching P" plans (the Graph list and the log blades).
// A columnar engine answering `SELECT * … ORDER BY time DESC LIMIT n` reads every column of every
// row that survives the filter before it can keep n of them: about 1 s on 1M sign-ins here. Two
// rewrites fix that, both in IR so every backend can use them:
//  1. late materialization: find the page's (time, id) keys first, reading two columns, then fetch
//     the full records of exactly those keys (a time range that zone maps prune plus `id IN`);
//  2. window probing: rows arrive roughly in time order, so for newest-first pages the keys query
//     first looks at a recent window (`time >= anchor - w`), which zone maps turn into a read of a
//     few row groups, and widens the window only when it holds fewer than n matches.
// The answer is the same as the original plan's: a window is only trusted once it holds n rows,
// and every row outside it is older than every row inside.
import type { JsonObject, LogKind } from '../model/index.ts';
import { LOG_KINDS } from '../model/index.ts';
import {
  agg, aggregate, and, asc, cmp, desc, dt, field, inList, limit, lit, named, project, sort, union, where,
  type Expr, type Relation, type ScanRel,
} from '../query/ir/index.ts';
import type { QueryResult } from './log-store.ts';
import type { RecordCache } from './record-cache.ts';
import { mergeKeys, PageKeysCache, type PageKey } from './page-keys-cache.ts';

export interface PageShape {
  readonly scan: ScanRel;
  readonly predicate: Expr | null;
  readonly timeField: string;
  readonly direction: 'asc' | 'desc';
  readonly count: number;
}

export interface PageReaderDeps {
  query(plan: Relation): Promise<QueryResult>;
  /** Reads records for a plan without trying the page rewrite again, each with its `_seq`. */
  readDirect(kind: LogKind, plan: Relation): Promise<KeyedRecord[]>;
  /**
   * The oldest and newest record times of the scanned kind and tenant, or null if empty. May be
   * stale (cached): windows have no upper end, so records newer than `newest` are still seen.
   */
  extent(scan: ScanRel, timeField: string): Promise<{ oldest: number; newest: number } | null>;
  /** Decoded records kept between pages (see record-cache.ts); absent means always fetch. */
  readonly cache?: RecordCache;
  /** Keys of pages answered before (page-keys-cache.ts); needs `watermark`. Absent: never kept. */
  readonly keys?: PageKeysCache;
  /**
   * A sequence number w such that every record of the scanned kind and tenant with seq ≤ w is
   * committed (so visible to any query started after this call), or null if unknown.
   */
  watermark?(scan: ScanRel): Promise<number | null>;
}

const isField = (e: Expr, name: string) => e.kind === 'field' && e.path.length === 1 && e.path[0] === name;

/** Recognise limit(sort(filter?(scan), [time, id] same direction), n). */
export function matchPagePlan(plan: Relation): PageShape | null {
  if (plan.kind !== 'limit' || plan.input.kind !== 'sort') return null;
  const s = plan.input;
  let inner = s.input;
  let predicate: Expr | null = null;
  if (inner.kind === 'filter') {
    predicate = inner.predicate;
    inner = inner.input;
  }
  if (inner.kind !== 'scan') return null;
  const timeField = LOG_KINDS[inner.log].timeField;
  const [k1, k2] = s.keys;
  if (s.keys.length !== 2 || !k1 || !k2 || !isField(k1.expr, timeField) || !isField(k2.expr, 'id')) return null;
  if (k1.direction !== k2.direction || k1.nulls || k2.nulls) return null;
  return { scan: inner, predicate, timeField, direction: k1.direction, count: plan.count };
}

/** The tightest `time <= / < literal` among the top-level conjuncts (a keyset cursor or a user bound). */
function upperBound(p: Expr | null, timeField: string): number | null {
  if (!p) return null;
  const conj = p.kind === 'logic' && p.op === 'and' ? p.args : [p];
  let best: number | null = null;
  for (const c of conj) {
    if (c.kind === 'logic' && c.op === 'and') {
      const inner = upperBound(c, timeField);
      if (inner !== null) best = best === null ? inner : Math.min(best, inner);
    }
    if (c.kind === 'compare' && (c.op === 'le' || c.op === 'lt') && isField(c.left, timeField) && c.right.kind === 'literal' && c.right.type === 'datetime') {
      const t = Date.parse(String(c.right.value));
      if (!Number.isNaN(t)) best = best === null ? t : Math.min(best, t);
    }
  }
  return best;
}

const HOUR = 3_600_000;
/**
 * Keys more than this many stored rows apart are fetched by separate lookups: a lookup costs about
 * as much as reading a few thousand rows of every column, so closer keys are cheaper in one range.
 */
const CLUSTER_GAP_ROWS = 8192;
/** Measured: one lookup ≈ 10–15 ms on 1M sign-ins, the plain top-N of a sparse page ≈ 250 ms. */
const MAX_BRANCHES = 12;
/** Stored rows the fetch ranges may span in all (every column of each is read): ~1 ms per 1,000. */
const MAX_FETCH_ROWS = 40_000;
/** Windows beyond this are not worth probing: the next step is the unbounded query. */
const MAX_WINDOW = 400 * 24 * HOUR;

/** A decoded record with its arrival sequence number (null if the plan did not read it). */
export interface KeyedRecord {
  readonly record: JsonObject;
  readonly seq: number | null;
}

export async function readPage(deps: PageReaderDeps, page: PageShape, original: Relation): Promise<JsonObject[]> {
  const cache = deps.keys && deps.watermark ? deps.keys : null;
  const cacheKey = cache ? PageKeysCache.keyOf(page) : '';
  const ticket = cache?.ticket() ?? 0;
  // Read before any keys query starts: every record with seq ≤ w is committed, so visible to it.
  const w = cache ? await deps.watermark!(page.scan) : null;
  const remember = (keys: readonly PageKey[]) => {
    // Times are required at ingest; a null one would sort where the merge cannot place it.
    if (cache && w !== null && keys.every((k) => k.t !== 'null')) cache.put(ticket, cacheKey, keys, w);
  };
  // The engine's own answer, for pages whose records are too scattered to fetch by key. Its rows
  // carry their seq, so the keys are remembered and the records cached all the same.
  const fallback = async (): Promise<JsonObject[]> => {
    const got = await deps.readDirect(page.scan.log, original);
    const keys = got.map((g) => ({ t: g.record[page.timeField], id: String(g.record['id']), s: g.seq }));
    if (keys.every((k): k is PageKey => k.s !== null && typeof k.t === 'string')) {
      remember(keys);
      keys.forEach((k, i) => deps.cache?.put(page.scan.log, page.scan.tenantId, k.s, k.id, got[i]!.record));
    }
    return got.map((g) => g.record);
  };

  let keys: readonly PageKey[] | null = null;
  const hit = cache && w !== null ? cache.get(cacheKey) : undefined;
  if (hit) {
    if (hit.watermark >= w!) keys = hit.keys;
    else {
      // Only records appended since the entry was made can change the page.
      const delta = await queryKeys(deps, page, cmp('gt', field('_seq'), lit(hit.watermark, 'long')));
      keys = mergeKeys(hit.keys, delta, page.direction, page.count);
      remember(keys);
    }
  } else {
    const found = await findKeys(deps, page);
    if (found === 'scattered') return fallback();
    keys = found;
    remember(keys);
  }
  if (keys.length === 0) return [];

  // Records are immutable: those decoded before come from the cache, the rest from the engine.
  const { log, tenantId } = page.scan;
  const records = deps.cache;
  const byId = new Map<string, JsonObject>();
  const missing = records ? keys.filter((k) => {
    const r = records.get(log, tenantId, k.s, k.id);
    if (r) byId.set(k.id, r);
    return !r;
  }) : keys;
  if (missing.length > 0) {
    const fetched = await fetchByKeys(deps, page, missing);
    if (fetched === null) return fallback();
    const seqOf = new Map(missing.map((k) => [k.id, k.s]));
    for (const { record } of fetched) {
      const id = String(record['id']);
      byId.set(id, record);
      const s = seqOf.get(id);
      if (records && s !== undefined) records.put(log, tenantId, s, id, record);
    }
  }
  // A key whose record vanished meanwhile (retention) would leave the page short, and a short page
  // reads as the last one: ask the engine for the page as it is now instead.
  if (keys.some((k) => !byId.has(k.id))) {
    cache?.delete(cacheKey);
    return (await deps.readDirect(log, original)).map((g) => g.record);
  }
  return keys.map((k) => byId.get(k.id)!);
}

function keysPlan(page: PageShape, extra: Expr | null): Relation {
  const key = page.direction === 'desc' ? desc : asc;
  const preds = [page.predicate, extra].filter((x): x is Expr => x !== null);
  const filtered = preds.length ? where(page.scan, and(...preds)) : page.scan;
  const keys = project(filtered, [named('t', field(page.timeField)), named('id', field('id')), named('s', field('_seq'))]);
  return limit(sort(keys, [key(field('t')), key(field('id'))]), page.count);
}

async function queryKeys(deps: PageReaderDeps, page: PageShape, extra: Expr | null): Promise<PageKey[]> {
  return (await deps.query(keysPlan(page, extra))).rows.map((r) => ({ t: String(r['t']), id: String(r['id']), s: Number(r['s']) }));
}

/** The page's keys, or 'scattered' when they are spread so thin that the engine's own top-N wins. */
async function findKeys(deps: PageReaderDeps, page: PageShape): Promise<PageKey[] | 'scattered'> {
  if (page.direction === 'asc') return queryKeys(deps, page, null);
  const extent = await deps.extent(page.scan, page.timeField);
  if (!extent) return [];
  // Windows count back from the newest record (or the cursor), not from the clock: a store of
  // last month's logs must not probe a month of empty windows first.
  const anchor = Math.min(upperBound(page.predicate, page.timeField) ?? Infinity, extent.newest);
  const oldest: number | null = extent.oldest;
  let w = HOUR;
  let probes = 0;
  for (;;) {
    // Once a window would reach back past the oldest record it is the whole table: query that
    // directly (also safe if a late record older than a cached `oldest` arrived meanwhile).
    // Recent windows held too few matches, so the page is scattered over the table: probing
    // further would rescan most of it, and its lookups would cost more than the engine's own
    // top-N (measured: 1.2–2× slower at 1M–10M), so hand it the plan.
    if (probes > 0 && (w > MAX_WINDOW || (oldest !== null && w > (anchor - oldest) / 8))) return 'scattered';
    if (w > MAX_WINDOW || (oldest !== null && anchor - w <= oldest)) return queryKeys(deps, page, null);
    probes++;
    const rows = await queryKeys(deps, page, cmp('ge', field(page.timeField), dt(new Date(anchor - w).toISOString())));
    if (rows.length >= page.count) return rows;
    // Aim the next window at n matches from the density seen so far, at least doubling it. An
    // empty window means fewer than one match per window: assume half of one, so a filter that
    // rare goes straight to the engine's own top-N instead of paying for more probes first.
    w = Math.max(w * 2, Math.ceil((w * page.count * 1.5) / Math.max(rows.length, 0.5)));
  }
}

/**
 * Fetch the full records of those keys by their arrival sequence (`_seq`, monotone in storage
 * order, so its zone maps are tight even for late-arriving records). The engine reads every
 * column of every row inside a fetched range, so keys far apart in storage are fetched by
 * separate ranges (a rare user's page spans the whole table); nearby keys share one range.
 * Null when the keys are too scattered for ranges to beat the engine's own top-N.
 */
async function fetchByKeys(deps: PageReaderDeps, page: PageShape, wanted: ReadonlyArray<{ s: number; id: string }>): Promise<KeyedRecord[] | null> {
  const keys = [...wanted].sort((a, b) => a.s - b.s);
  const branches: Relation[] = [];
  let start = 0;
  let spanned = 0;
  for (let i = 1; i <= keys.length; i++) {
    if (i < keys.length && keys[i]!.s - keys[i - 1]!.s <= CLUSTER_GAP_ROWS) continue;
    const c = keys.slice(start, i);
    spanned += c[c.length - 1]!.s - c[0]!.s + 1;
    const seq = field('_seq');
    branches.push(where(page.scan, and(
      c.length === 1 ? cmp('eq', seq, lit(c[0]!.s, 'long')) : and(cmp('ge', seq, lit(c[0]!.s, 'long')), cmp('le', seq, lit(c[c.length - 1]!.s, 'long'))),
      c.length === 1 ? cmp('eq', field('id'), lit(c[0]!.id)) : inList(field('id'), c.map((k) => lit(k.id))),
    )));
    start = i;
  }
  // A page scattered over the whole table (a rare user): per-range lookups would cost more than
  // the engine's own top-N, whose dynamic filter prunes by time as it goes.
  if (branches.length > MAX_BRANCHES || spanned > MAX_FETCH_ROWS) return null;
  return deps.readDirect(page.scan.log, branches.length === 1 ? branches[0]! : union(branches));
}

/** The plan behind PageReaderDeps.extent: oldest (`lo`) and newest (`hi`) record time. */
export function extentPlan(scan: ScanRel, timeField: string): Relation {
  return aggregate(scan, [], [named('lo', agg('min', [field(timeField)])), named('hi', agg('max', [field(timeField)]))]);
}
