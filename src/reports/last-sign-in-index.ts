// Keeps the last-sign-ins table (store/last-sign-in-store.ts) current: merged from each committed
// batch (ingest commit listener, so it is never ahead of committed data), rebuilt from the logs with
// IR aggregates when missing (first start on an existing store) and after retention removed
// sign-ins (a purged record must not stay someone's "last sign-in"). All its writes run one at a
// time; since merging is a max, a batch racing a rebuild still ends up counted.
import { agg, aggregate, and, cmp, field, lit, named, scan, where, type Relation } from '../query/ir/index.ts';
import type { CommittedBatch } from '../ingest/index.ts';
import { lastSignInDeltas, mergeRow, NIL_USER_ID, type LastSignInRow, type LastSignInStore, type LogStore, type SignInRef } from '../store/index.ts';
import { isInteractive, isNonInteractive, isUserSignIn, isWorkloadSignIn, present, succeeded } from './report-exprs.ts';
import type { Row } from './report-types.ts';

/** What reports read: the users' rows in the lastSignIns report's column shape, or null (use the logs). */
export interface LastSignInReader {
  users(tenantId: string): Promise<Row[] | null>;
}

export interface LastSignInIndex extends LastSignInReader {
  /** Rebuild from the logs what is missing or behind (by watermark). Call before serving ingest. */
  start(): Promise<void>;
  /** Hand this to IngestService.onCommit. */
  onCommit(batch: CommittedBatch): Promise<void>;
  /** Recompute the tenants whose sign-ins retention removed. */
  afterRetention(outcomes: ReadonlyArray<{ tenantId: string; kind: string; deleted: number }>): Promise<void>;
  rebuild(tenantIds: readonly string[] | null): Promise<void>;
  /** Resolves when queued writes are done (tests, shutdown). */
  idle(): Promise<void>;
}

const T = field('createdDateTime');
const slot = (name: string, filter?: ReturnType<typeof succeeded>) => [
  named(`${name}At`, agg('max', [T], filter ? { filter } : {})),
  named(`${name}Req`, agg('arg_max', [field('id'), T], filter ? { filter } : {})),
];

/** The aggregates a rebuild reads: the same definitions lastSignInDeltas applies per batch. */
export function rebuildPlans(tenantId: string): { users: Relation; workloads: Relation } {
  // Every retained sign-in, whatever its time: the table is the all-time answer.
  const base = scan('signIns', tenantId);
  const users = where(base, and(isUserSignIn(), present(field('userId')), cmp('ne', field('userId'), lit(NIL_USER_ID)), cmp('ne', field('userId'), lit(''))));
  const workloads = where(base, and(isWorkloadSignIn(), present(field('appId')), cmp('ne', field('appId'), lit(''))));
  return {
    users: aggregate(users, [named('id', field('userId'))], [
      named('name', agg('arg_max', [field('userPrincipalName'), T])), ...slot('name'),
      ...slot('last', isInteractive()), ...slot('lastni', isNonInteractive()), ...slot('lastok', succeeded()),
    ]),
    workloads: aggregate(workloads, [named('id', field('appId'))], [
      named('name', agg('arg_max', [field('appDisplayName'), T])), ...slot('name'), ...slot('last'), ...slot('lastok', succeeded()),
    ]),
  };
}

function toRows(tenantId: string, kind: 'user' | 'workload', rows: readonly Row[]): LastSignInRow[] {
  const ref = (r: Row, s: string): SignInRef | null => (r[`${s}At`] == null || r[`${s}Req`] == null ? null : { at: String(r[`${s}At`]), requestId: String(r[`${s}Req`]) });
  return rows.map((r) => {
    const name = ref(r, 'name');
    return {
      tenantId, kind, id: String(r['id']), name: name ? { ...name, value: r['name'] == null ? null : String(r['name']) } : null,
      last: ref(r, 'last'), lastNonInteractive: ref(r, 'lastni'), lastSuccessful: ref(r, 'lastok'),
    };
  });
}

export function createLastSignInIndex(deps: { store: LogStore; table: LastSignInStore | null; onError?: (e: unknown) => void }): LastSignInIndex {
  const table = deps.table?.maintained ? deps.table : null;
  let queue: Promise<unknown> = Promise.resolve();
  /** Deltas of committed batches not merged yet, per tenant, and the merge that will take them. */
  const pending = new Map<string, { rows: Map<string, LastSignInRow>; seq: number }>();
  let flushing: Promise<void> | null = null;
  let ready = false;
  const serial = <T>(f: () => Promise<T>): Promise<T> => {
    const run = queue.then(f);
    queue = run.catch((e) => deps.onError?.(e));
    return run;
  };

  async function rebuildNow(tenantIds: readonly string[] | null): Promise<void> {
    if (!table) return;
    // Watermarks read before the aggregates: a later commit is merged by its own listener call.
    const lag = await table.lag();
    const ids = tenantIds ?? [...lag.keys()];
    const marks = new Map(ids.map((t) => [t, lag.get(t)?.committed ?? 0]));
    const rows: LastSignInRow[] = [];
    for (const t of ids) {
      const p = rebuildPlans(t);
      const [u, w] = await Promise.all([deps.store.query(p.users), deps.store.query(p.workloads)]);
      rows.push(...toRows(t, 'user', u.rows), ...toRows(t, 'workload', w.rows));
    }
    await table.replace(tenantIds === null ? null : ids, rows, marks);
  }

  return {
    async start() {
      if (table && !(await table.isBuilt())) await serial(() => rebuildNow(null));
      else if (table) {
        const behind = [...(await table.lag())].filter(([, l]) => l.committed > l.applied).map(([t]) => t);
        if (behind.length) await serial(() => rebuildNow(behind));
      }
      ready = table !== null;
    },
    onCommit(batch) {
      if (!table || batch.kind !== 'signIns') return Promise.resolve();
      const p = pending.get(batch.tenantId) ?? { rows: new Map<string, LastSignInRow>(), seq: 0 };
      pending.set(batch.tenantId, p);
      for (const row of lastSignInDeltas(batch.tenantId, batch.records.map((r) => r.record))) {
        const k = `${row.kind}\u0000${row.id}`;
        const had = p.rows.get(k);
        p.rows.set(k, had ? mergeRow(had, row) : row);
      }
      p.seq = batch.records.reduce((m, r) => Math.max(m, r.seq), p.seq);
      // The ack does not wait for the merge: reads of the table queue behind it (users()), and a
      // crash before it leaves the watermark behind the log, which start() repairs by a rebuild.
      // Batches committed while a merge runs share the next one: one upsert per principal and
      // tenant instead of one per batch (it cost ~20 of ~170 CPU µs an ingested sign-in).
      if (!flushing) {
        flushing = serial(async () => {
          flushing = null;
          const batches = [...pending];
          pending.clear();
          for (const [tenantId, b] of batches) await table.merge([...b.rows.values()], { tenantId, seq: b.seq });
        });
        // A failure reaches onError through the queue; nobody awaits this promise itself.
        flushing.catch(() => undefined);
      }
      return Promise.resolve();
    },
    afterRetention(outcomes) {
      const hit = [...new Set(outcomes.filter((o) => o.kind === 'signIns' && o.deleted > 0).map((o) => o.tenantId))];
      return hit.length ? serial(() => rebuildNow(hit)) : Promise.resolve();
    },
    rebuild: (ids) => serial(() => rebuildNow(ids)),
    idle: () => serial(async () => undefined),
    async users(tenantId) {
      if (!table || !ready) return null;
      // Behind any queued merge, so a read right after an acknowledged ingest sees it.
      const rows = await serial(() => table.list(tenantId, 'user'));
      return rows.map((r) => ({
        id: r.id, userPrincipalName: r.name?.value ?? null,
        lastSignInDateTime: r.last?.at ?? null, lastSignInRequestId: r.last?.requestId ?? null,
        lastNonInteractiveSignInDateTime: r.lastNonInteractive?.at ?? null, lastNonInteractiveSignInRequestId: r.lastNonInteractive?.requestId ?? null,
        lastSuccessfulSignInDateTime: r.lastSuccessful?.at ?? null, lastSuccessfulSignInRequestId: r.lastSuccessful?.requestId ?? null,
      }));
    },
  };
}
