// Wiring for tenants, credentials, the hash chain and retention, kept out of runtime.ts so the
// composition root stays small. Two steps because ingest needs the chain recorder and the admin
// service needs ingest (its actions are audit events).
import { createAdminService, createAuthService, createJwtVerifier, createRateLimiter, type AdminService, type AuthMode, type AuthService, type JwtConfig } from '../auth/index.ts';
import type { IngestService } from '../ingest/index.ts';
import { createChainRecorder, loadOrCreateSigningKey, startRetentionJob, type ChainRecorder, type IntegrityDeps, type RetentionOutcome } from '../integrity/index.ts';
import { DuckDbStore, openDuckDbAdminStore, type LogStore } from '../store/index.ts';

export interface SecurityConfig {
  /** auto: credential-less local mode until a key exists (default); required; local (never ask). */
  readonly auth?: AuthMode;
  readonly jwt?: JwtConfig | null;
  /** Per-credential token bucket; null disables. Default 50 requests/s, bursts of 100. */
  readonly rateLimit?: { readonly ratePerSecond: number; readonly burst: number } | null;
  /** Retention pass interval; 0 disables the background job. Default hourly, first pass after a minute. */
  readonly retentionIntervalMs?: number;
  readonly onRetention?: (r: RetentionOutcome[]) => void;
  readonly onRetentionError?: (e: unknown) => void;
}

export interface SecurityCore {
  readonly integrity: IntegrityDeps;
  readonly chain: ChainRecorder;
  /** Closes the embedded admin database when it is not the log store itself. */
  readonly closeAdmin: () => Promise<void>;
}

export interface Security extends SecurityCore {
  readonly auth: AuthService;
  readonly service: AdminService;
  close(): Promise<void>;
}

/** Admin data lives in the embedded DuckDB file: the log store itself, or beside a ClickHouse one. */
export async function openSecurityCore(store: LogStore, dataDir: string): Promise<SecurityCore> {
  const adminDb = store instanceof DuckDbStore ? store : await DuckDbStore.open({ dataDir, threads: 1, readConnections: 1 });
  const admin = await openDuckDbAdminStore(adminDb);
  const key = loadOrCreateSigningKey(dataDir);
  return {
    integrity: { store, admin, key },
    chain: createChainRecorder(admin),
    closeAdmin: async () => {
      if (adminDb !== store) await adminDb.close();
    },
  };
}

export async function attachSecurity(core: SecurityCore, ingest: IngestService, cfg: SecurityConfig & { localTenant: string }): Promise<Security> {
  const admin = core.integrity.admin;
  const rl = cfg.rateLimit === undefined ? { ratePerSecond: 50, burst: 100 } : cfg.rateLimit;
  const auth = createAuthService({
    admin,
    mode: cfg.auth ?? 'auto',
    localTenant: cfg.localTenant,
    jwt: cfg.jwt ? createJwtVerifier(cfg.jwt) : null,
    rateLimiter: rl ? createRateLimiter(rl) : null,
  });
  const service = createAdminService({ admin, ingest, onKeysChanged: () => auth.keysChanged() });
  const interval = cfg.retentionIntervalMs ?? 3_600_000;
  const job = interval > 0
    ? startRetentionJob(core.integrity, { intervalMs: interval, firstRunMs: Math.min(interval, 60_000), onResult: cfg.onRetention, onError: cfg.onRetentionError })
    : null;
  return {
    ...core, auth, service,
    async close() {
      await job?.stop();
      await core.closeAdmin();
    },
  };
}

/** The tenant served in local mode exists from the first start, like any other tenant. */
export async function ensureTenant(sec: Security, id: string): Promise<void> {
  if (!(await sec.integrity.admin.getTenant(id))) await sec.service.createTenant({ kind: 'app', id: 'idtrail-server', displayName: 'idtrail server' }, { id, name: id });
}

/** First start with auth required and no credential: issue an admin and an ingest key, shown once. */
export async function bootstrapKeys(sec: Security, tenantId: string): Promise<{ admin: string; ingest: string } | null> {
  if ((await sec.integrity.admin.countActiveKeys(new Date().toISOString())) > 0) return null;
  const actor = { kind: 'app', id: 'idtrail-server', displayName: 'idtrail server (bootstrap)' } as const;
  const a = await sec.service.createKey(actor, { tenantId, name: 'bootstrap administrator', roles: ['Global Administrator'] });
  const i = await sec.service.createKey(actor, { tenantId, name: 'bootstrap ingest', roles: ['Ingest Writer'] });
  return { admin: a.token, ingest: i.token };
}
