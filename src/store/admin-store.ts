// Administrative state beside the logs: tenants, API keys, retention settings and the hash-chain
// bookkeeping (anchors, retention bases, redactions). Small, transactional, and kept in the embedded
// store even when the logs live on ClickHouse, so it never depends on the log backend.
import type { LogKind } from '../model/index.ts';
import type { ChainAnchorRow } from './log-store.ts';

export type LicenceTier = 'free' | 'premium';

export interface TenantRow {
  readonly id: string;
  readonly name: string;
  readonly tier: LicenceTier;
  readonly created: string;
}

export interface ApiKeyRow {
  readonly id: string;
  readonly tenantId: string;
  readonly name: string;
  readonly roles: readonly string[];
  /** SHA-256 of the secret part, hex. */
  readonly hash: string;
  readonly created: string;
  readonly expires: string | null;
  readonly revoked: string | null;
}

export interface RetentionRow {
  readonly tenantId: string;
  readonly kind: LogKind;
  readonly days: number;
}

/** Where the retained chain starts: every record up to `seq` is gone; `link` is the link after it. */
export interface ChainBaseRow {
  readonly tenantId: string;
  readonly kind: LogKind;
  readonly seq: number;
  readonly link: string;
  readonly at: string;
  readonly signature: string;
}

/** A record removed by retention from inside the chain: its digest stands in for it. */
export interface RedactionRow {
  readonly tenantId: string;
  readonly kind: LogKind;
  readonly seq: number;
  readonly digest: string;
  readonly signature: string;
}

export interface AdminStore {
  createTenant(t: TenantRow): Promise<void>;
  getTenant(id: string): Promise<TenantRow | null>;
  listTenants(): Promise<TenantRow[]>;
  setTenantTier(id: string, tier: LicenceTier): Promise<void>;

  createKey(k: ApiKeyRow): Promise<void>;
  getKey(id: string): Promise<ApiKeyRow | null>;
  listKeys(tenantId: string | null): Promise<ApiKeyRow[]>;
  /** Marks the key revoked; false when the tenant holds no such key. */
  revokeKey(tenantId: string, id: string, at: string): Promise<boolean>;
  countActiveKeys(now: string): Promise<number>;

  /** days = null removes the override (the tier default applies again). */
  setRetention(tenantId: string, kind: LogKind, days: number | null): Promise<void>;
  listRetention(tenantId: string): Promise<RetentionRow[]>;

  /** Anchors overlapping [fromSeq, toSeq], in sequence order. */
  listAnchors(tenantId: string, kind: LogKind, fromSeq: number, toSeq: number): Promise<ChainAnchorRow[]>;
  lastAnchor(tenantId: string, kind: LogKind): Promise<ChainAnchorRow | null>;
  /** For backends whose append cannot carry the anchor in its own transaction. */
  addAnchor(tenantId: string, kind: LogKind, a: ChainAnchorRow): Promise<void>;
  getBase(tenantId: string, kind: LogKind): Promise<ChainBaseRow | null>;
  listRedactions(tenantId: string, kind: LogKind, fromSeq: number, toSeq: number): Promise<RedactionRow[]>;
  /** Atomically: write redactions, move the base, drop bookkeeping the base makes redundant. */
  recordRetention(base: ChainBaseRow | null, redactions: readonly RedactionRow[]): Promise<void>;
  /** Tenants and kinds that hold chain state (for verify --all). */
  chainedStreams(): Promise<Array<{ tenantId: string; kind: LogKind }>>;
}
