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
  // Fast path for what the model stores (…:ssZ or …:ss.fffffffZ): the same key as the pattern
  // below without a match array and its substrings, per compared time at ingest.
  const n = iso.length;
  if (n >= 20 && n <= 30 && iso.charCodeAt(n - 1) === 90 /* Z */ && plainHead(iso)) {
    if (n === 20) return iso.slice(0, 19) + '.000000000';
    if (n >= 22 && iso.charCodeAt(19) === 46 /* . */ && digitsBetween(iso, 20, n - 1)) return iso.slice(0, n - 1) + NINE_ZEROS.slice(n - 21);
  }
  const m = /^(.{19})(?:\.(\d+))?Z$/.exec(iso);
  return m ? `${m[1]}.${(m[2] ?? '').padEnd(9, '0')}` : iso;
}

const NINE_ZEROS = '000000000';

/** No line terminator in the first 19 characters (what `.{19}` requires). */
function plainHead(s: string): boolean {
  for (let i = 0; i < 19; i++) {
    const c = s.charCodeAt(i);
    if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) return false;
  }
  return true;
}

function digitsBetween(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
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

/** One candidate slot value while a batch is folded: its time key is computed once per record. */
interface Slot {
  readonly key: string;
  readonly ref: SignInRef;
  /** The principal's name as of this record (name slot only). */
  readonly value: string | null;
}

/** Per principal, the batch's latest record in each slot (rows are built once, at the end). */
interface Acc {
  readonly kind: PrincipalKind;
  readonly id: string;
  name: Slot | null;
  last: Slot | null;
  lastNonInteractive: Slot | null;
  lastSuccessful: Slot | null;
}

/** later() on slots: the incoming one replaces the kept one only when strictly later. */
const wins = (y: Slot | null, x: Slot | null): boolean =>
  y !== null && (x === null || y.key > x.key || (y.key === x.key && y.ref.requestId > x.ref.requestId));

/**
 * The rows one batch of committed sign-ins contributes, merged per principal. Same event-type rules
 * as the reports (report-exprs.ts): no signInEventTypes means an interactive user sign-in.
 * Equal to folding one row per record with mergeRow (last-sign-in-store.test.ts holds it to that)
 * without a row, a name object and eight time keys per merge: a principal seen n times in a
 * batch costs one accumulator and n time keys.
 */
export function lastSignInDeltas(tenantId: string, records: readonly JsonObject[]): LastSignInRow[] {
  const out = new Map<string, Acc>();
  const put = (kind: PrincipalKind, id: string, name: Slot, last: Slot | null, lastNonInteractive: Slot | null, lastSuccessful: Slot | null) => {
    const k = `${kind}\u0000${id}`;
    const a = out.get(k);
    if (!a) {
      out.set(k, { kind, id, name, last, lastNonInteractive, lastSuccessful });
      return;
    }
    if (wins(name, a.name)) a.name = name;
    if (wins(last, a.last)) a.last = last;
    if (wins(lastNonInteractive, a.lastNonInteractive)) a.lastNonInteractive = lastNonInteractive;
    if (wins(lastSuccessful, a.lastSuccessful)) a.lastSuccessful = lastSuccessful;
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
    const userId = typeof r['userId'] === 'string' && r['userId'] !== '' ? r['userId'] : null;
    const isUser = (interactive || nonInteractive) && userId !== null && userId !== NIL_USER_ID;
    const appId = typeof r['appId'] === 'string' && r['appId'] !== '' ? r['appId'] : null;
    const isWorkload = workload && appId !== null;
    if (!isUser && !isWorkload) continue;
    const ref: SignInRef = { at, requestId };
    const key = timeKey(at);
    const plain: Slot = { key, ref, value: null };
    if (isUser) {
      const upn = typeof r['userPrincipalName'] === 'string' ? r['userPrincipalName'] : null;
      put('user', userId!, { key, ref, value: upn }, interactive ? plain : null, nonInteractive ? plain : null, ok ? plain : null);
    }
    if (isWorkload) {
      const name = typeof r['appDisplayName'] === 'string' ? r['appDisplayName'] : null;
      put('workload', appId!, { key, ref, value: name }, plain, null, ok ? plain : null);
    }
  }
  const rows: LastSignInRow[] = [];
  const refOf = (s: Slot | null): SignInRef | null => (s ? s.ref : null);
  for (const a of out.values()) {
    rows.push({
      tenantId, kind: a.kind, id: a.id,
      name: a.name ? { ...a.name.ref, value: a.name.value } : null,
      last: refOf(a.last), lastNonInteractive: refOf(a.lastNonInteractive), lastSuccessful: refOf(a.lastSuccessful),
    });
  }
  return rows;
}
