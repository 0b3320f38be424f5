// The composition root: open the store, build enrichment and ingest, and the HTTP app.
// Entry points (the CLI, tests) call this; nothing else wires the parts together.
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { buildApp, defaultWebRoot, type Authenticator } from '../api/index.ts';
import { createGeoLookup, createIngestService, createUserAgentEnricher, type IngestService } from '../ingest/index.ts';
import { openStore, type LogStore, type StoreConfig } from '../store/index.ts';
import { createMetrics, instrumentIngest, type Metrics } from '../observability/index.ts';
import { createLifecycle, type Lifecycle } from './lifecycle.ts';
import { openLastSignInIndex } from './last-sign-in-wiring.ts';
import { attachSecurity, ensureTenant, openSecurityCore, type Security, type SecurityConfig } from './security-wiring.ts';

export interface RuntimeConfig extends SecurityConfig {
  readonly dataDir: string;
  /** The backend; when absent, the embedded DuckDB store in dataDir. */
  readonly store?: StoreConfig;
  readonly memoryLimit?: string;
  readonly threads?: number;
  /** The tenant that local (no-credential) mode serves. */
  readonly defaultTenant?: string;
  readonly publicUrl?: string | null;
  readonly geoipDb?: string;
  readonly enrich?: boolean;
  readonly https?: { key: Buffer; cert: Buffer } | null;
  readonly logger?: boolean | object;
  readonly authenticate?: Authenticator;
  readonly maxBodyBytes?: number;
  readonly maxBatchRecords?: number;
  /** Seconds before a request is answered 504 and its queries are cancelled; 0 disables. */
  readonly requestTimeoutSeconds?: number;
  /** A pino logger from observability/createLogger; wins over `logger`. */
  readonly loggerInstance?: FastifyBaseLogger;
  /** Metrics registry; default a fresh one without process metrics; null: no metrics. */
  readonly metrics?: Metrics | null;
  /** The admin center's built files; default web/dist of this package, null for none. */
  readonly webRoot?: string | null;
}

export interface Runtime {
  readonly app: FastifyInstance;
  readonly store: LogStore;
  readonly ingest: IngestService;
  readonly metrics: Metrics | null;
  /** Phase and readiness; `stop()` is the graceful shutdown sequence. */
  readonly lifecycle: Lifecycle;
  readonly security: Security;
  close(): Promise<void>;
}

export async function createRuntime(cfg: RuntimeConfig): Promise<Runtime> {
  const store = await openStore(cfg.store ?? { backend: 'duckdb', dataDir: cfg.dataDir, memoryLimit: cfg.memoryLimit, threads: cfg.threads });
  const enrich = cfg.enrich ?? true;
  const metrics = cfg.metrics === undefined ? createMetrics({ processMetrics: false }) : cfg.metrics;
  const core = await openSecurityCore(store, cfg.dataDir);
  const baseIngest = createIngestService({
    store,
    chain: core.chain,
    enrichers: enrich ? { userAgent: createUserAgentEnricher(), geo: await createGeoLookup({ mmdbPath: cfg.geoipDb }) } : {},
  });
  const ingest = metrics ? instrumentIngest(baseIngest, metrics) : baseIngest;
  // Kept current by the commit listener; rebuilt after retention removes sign-ins.
  const lastSignIns = await openLastSignInIndex(store);
  baseIngest.onCommit((b) => lastSignIns.onCommit(b));
  if (metrics) {
    metrics.registerStore(async () => {
      const s = await store.stats();
      return { bytesOnDisk: s.bytesOnDisk, records: Object.fromEntries(Object.entries(s.kinds).map(([k, v]) => [k, v.records])) };
    });
    if (store.pendingWrites) metrics.registerQueue('store_writes', () => store.pendingWrites!());
    if (store.recordCacheStats) metrics.registerRecordCache(() => store.recordCacheStats!());
    if (store.pageKeysStats) metrics.registerPageKeys(() => store.pageKeysStats!());
    if (store.idFilterStats) metrics.registerIdFilters(() => store.idFilterStats!());
    if (store.spoolStats) metrics.registerSpool(() => store.spoolStats!());
  }
  // Security wraps the base service: chained appends and audit events of admin actions.
  const security = await attachSecurity(core, baseIngest, {
    ...cfg, localTenant: cfg.defaultTenant ?? 'default',
    onRetention: (r) => {
      void lastSignIns.afterRetention(r).catch((e) => cfg.onRetentionError?.(e));
      cfg.onRetention?.(r);
    },
  });
  await ensureTenant(security, cfg.defaultTenant ?? 'default');
  let app: FastifyInstance | null = null;
  const lifecycle = createLifecycle({ app: () => app!, store, beforeStoreClose: async () => {
    await security.close();
    await lastSignIns.idle();
  } });
  app = await buildApp({
    store,
    ingest,
    ...(cfg.requestTimeoutSeconds !== undefined ? { requestLimits: { timeoutMs: cfg.requestTimeoutSeconds * 1000 } } : {}),
    lastSignIns,
    // An injected authenticator (tests: localAuthenticator) wins; otherwise keys, JWTs or local mode.
    authenticate: cfg.authenticate ?? security.auth.authenticate,
    authorizeRead: security.auth.authorizeRead,
    admin: { service: security.service, integrity: security.integrity },
    publicUrl: cfg.publicUrl ?? null,
    https: cfg.https ?? null,
    logger: cfg.logger ?? false,
    ...(cfg.loggerInstance ? { loggerInstance: cfg.loggerInstance } : {}),
    metrics,
    readiness: () => lifecycle.readiness(),
    webRoot: cfg.webRoot === undefined ? defaultWebRoot() : cfg.webRoot,
    limits: {
      ...(cfg.maxBodyBytes ? { maxBytes: cfg.maxBodyBytes } : {}),
      ...(cfg.maxBatchRecords ? { maxRecords: cfg.maxBatchRecords } : {}),
    },
  });
  return {
    app,
    store,
    ingest,
    metrics,
    lifecycle,
    security,
    close: () => lifecycle.stop(),
  };
}
