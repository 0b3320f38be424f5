// Last sign-ins per principal (Entra's signInActivity), kept as a small derived table beside the
// logs so `lastSignIns` reads a few thousand rows instead of aggregating every sign-in. The table is
// a max-merge of committed sign-ins: merging is idempotent and order-free, so a batch applied twice,
// late, or racing a rebuild still converges to the aggregate over the logs. Backends without the
// table (ClickHouse today) answer `maintained: false` and callers run the IR aggregate instead.
import type { JsonObject } from '../model/index.ts';

/** Users by user id; workloads (service principals, managed identities) by the client appId. */
export type PrincipalKind = 'user' | 'workload';

export interface SignInRef {
  /** ISO-8601 UTC as the model normalizes it. */
  readonly at: string;
  readonly requestId: string;
}

export interface LastSignInRow {
  readonly tenantId: string;
  readonly kind: PrincipalKind;
  readonly id: string;
  /** Latest name seen (userPrincipalName / appDisplayName) and the time it was seen. */
  readonly name: SignInRef & { readonly value: string | null } | null;
  /** Users: last interactive sign-in; workloads: last sign-in of any status. */
  readonly last: SignInRef | null;
  readonly lastNonInteractive: SignInRef | null;
  readonly lastSuccessful: SignInRef | null;
}

export interface LastSignInStore {
  /** False: no table on this backend; read the logs with the IR aggregate. */
  readonly maintained: boolean;
  /** True once a rebuild has completed on this store (the table survives restarts). */
  isBuilt(): Promise<boolean>;
  /**
   * Max-merge rows into the table (parameterised upserts) and raise the tenant's watermark: the
   * highest sign-in sequence number the table is known to include.
   */
  merge(rows: readonly LastSignInRow[], mark: { tenantId: string; seq: number } | null): Promise<void>;
  /** Replace the rows and watermarks of the tenants given (all when null) in one transaction; mark built. */
  replace(tenantIds: readonly string[] | null, rows: readonly LastSignInRow[], marks: ReadonlyMap<string, number>): Promise<void>;
  /** Per tenant: [highest committed sign-in seq, the table's watermark]. A gap means writes bypassed ingest. */
  lag(): Promise<Map<string, { committed: number; applied: number }>>;
  list(tenantId: string, kind: PrincipalKind): Promise<LastSignInRow[]>;
}

/** Entra logs attempts on names that match no account with this nil user id; they are nobody's sign-in. */
export const NIL_USER_ID = '00000000-0000-0000-0000-000000000000';

/** Sort key for normalized ISO times: the fraction padded so text order is time order. */
export function timeKey(iso: string): string {
  const m = /^(.{19})(?:\.(\d+))?Z$/.exec(iso);
  return m ? `${m[1]}.${(m[2] ?? '').padEnd(9, '0')}` : iso;
}

/** a is later than b; equal times are ordered by request id so every path picks the same record. */
export function later(a: SignInRef | null, b: SignInRef | null): boolean {
  if (!a) return false;
  if (!b) return true;
  const ka = timeKey(a.at);
  const kb = timeKey(b.at);
  return ka > kb || (ka === kb && a.requestId > b.requestId);
}

export function mergeRow(a: LastSignInRow, b: LastSignInRow): LastSignInRow {
  const pick = <T extends SignInRef | null>(x: T, y: T): T => (later(y, x) ? y : x);
  return { ...a, name: pick(a.name, b.name), last: pick(a.last, b.last), lastNonInteractive: pick(a.lastNonInteractive, b.lastNonInteractive), lastSuccessful: pick(a.lastSuccessful, b.lastSuccessful) };
}

/**
 * The rows one batch of committed sign-ins contributes, merged per principal. Same event-type rules
 * as the reports (report-exprs.ts): no signInEventTypes means an interactive user sign-in.
 */
export function lastSignInDeltas(tenantId: string, records: readonly JsonObject[]): LastSignInRow[] {
  const out = new Map<string, LastSignInRow>();
  const put = (row: LastSignInRow) => {
    const k = `${row.kind}\u0000${row.id}`;
    const had = out.get(k);
    out.set(k, had ? mergeRow(had, row) : row);
  };
  for (const r of records) {
    const at = typeof r['createdDateTime'] === 'string' ? r['createdDateTime'] : null;
    const requestId = typeof r['id'] === 'string' ? r['id'] : null;
    if (!at || !requestId) continue;
    const types = Array.isArray(r['signInEventTypes']) ? (r['signInEventTypes'] as unknown[]) : [];
    const interactive = types.length === 0 || types.includes('interactiveUser');
    const nonInteractive = types.includes('nonInteractiveUser');
    const workload = types.includes('servicePrincipal') || types.includes('managedIdentity');
    const status = r['status'] as JsonObject | null | undefined;
    const ok = status?.['errorCode'] === 0;
    const ref = { at, requestId };
    const userId = typeof r['userId'] === 'string' && r['userId'] !== '' ? r['userId'] : null;
    if ((interactive || nonInteractive) && userId && userId !== NIL_USER_ID) {
      const upn = typeof r['userPrincipalName'] === 'string' ? r['userPrincipalName'] : null;
      put({ tenantId, kind: 'user', id: userId, name: { ...ref, value: upn }, last: interactive ? ref : null, lastNonInteractive: nonInteractive ? ref : null, lastSuccessful: ok ? ref : null });
    }
    const appId = typeof r['appId'] === 'string' && r['appId'] !== '' ? r['appId'] : null;
    if (workload && appId) {
      const name = typeof r['appDisplayName'] === 'string' ? r['appDisplayName'] : null;
      put({ tenantId, kind: 'workload', id: appId, name: { ...ref, value: name }, last: ref, lastNonInteractive: null, lastSuccessful: ok ? ref : null });
    }
  }
  return [...out.values()];
}
