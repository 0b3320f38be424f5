// The composition root: open the store, build enrichment and ingest, and the HTTP app.
// Entry points (the CLI, tests) call this; nothing else wires the parts together.
import type { FastifyInstance } from 'fastify';
import { buildApp, type Authenticator } from '../api/index.ts';
import { createGeoLookup, createIngestService, createUserAgentEnricher, type IngestService } from '../ingest/index.ts';
import { openStore, type LogStore, type StoreConfig } from '../store/index.ts';
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
}

export interface Runtime {
  readonly app: FastifyInstance;
  readonly store: LogStore;
  readonly ingest: IngestService;
  readonly security: Security;
  close(): Promise<void>;
}

export async function createRuntime(cfg: RuntimeConfig): Promise<Runtime> {
  const store = await openStore(cfg.store ?? { backend: 'duckdb', dataDir: cfg.dataDir, memoryLimit: cfg.memoryLimit, threads: cfg.threads });
  const enrich = cfg.enrich ?? true;
  const core = await openSecurityCore(store, cfg.dataDir);
  const ingest = createIngestService({
    store,
    chain: core.chain,
    enrichers: enrich ? { userAgent: createUserAgentEnricher(), geo: await createGeoLookup({ mmdbPath: cfg.geoipDb }) } : {},
  });
  const security = await attachSecurity(core, ingest, { ...cfg, localTenant: cfg.defaultTenant ?? 'default' });
  await ensureTenant(security, cfg.defaultTenant ?? 'default');
  const app = await buildApp({
    store,
    ingest,
    // An injected authenticator (tests: localAuthenticator) wins; otherwise keys, JWTs or local mode.
    authenticate: cfg.authenticate ?? security.auth.authenticate,
    authorizeRead: security.auth.authorizeRead,
    admin: { service: security.service, integrity: security.integrity },
    publicUrl: cfg.publicUrl ?? null,
    https: cfg.https ?? null,
    logger: cfg.logger ?? false,
    limits: {
      ...(cfg.maxBodyBytes ? { maxBytes: cfg.maxBodyBytes } : {}),
      ...(cfg.maxBatchRecords ? { maxRecords: cfg.maxBatchRecords } : {}),
    },
  });
  let closed = false;
  return {
    app,
    store,
    ingest,
    security,
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      await security.close();
      await store.close();
    },
  };
}
