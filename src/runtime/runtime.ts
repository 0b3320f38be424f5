// The composition root: open the store, build enrichment and ingest, and the HTTP app.
// Entry points (the CLI, tests) call this; nothing else wires the parts together.
import type { FastifyInstance } from 'fastify';
import { buildApp, localAuthenticator, type Authenticator } from '../api/index.ts';
import { createGeoLookup, createIngestService, createUserAgentEnricher, type IngestService } from '../ingest/index.ts';
import { DuckDbStore, type LogStore } from '../store/index.ts';

export interface RuntimeConfig {
  readonly dataDir: string;
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
  close(): Promise<void>;
}

export async function createRuntime(cfg: RuntimeConfig): Promise<Runtime> {
  const store = await DuckDbStore.open({ dataDir: cfg.dataDir, memoryLimit: cfg.memoryLimit, threads: cfg.threads });
  const enrich = cfg.enrich ?? true;
  const ingest = createIngestService({
    store,
    enrichers: enrich ? { userAgent: createUserAgentEnricher(), geo: await createGeoLookup({ mmdbPath: cfg.geoipDb }) } : {},
  });
  const app = await buildApp({
    store,
    ingest,
    authenticate: cfg.authenticate ?? localAuthenticator(cfg.defaultTenant ?? 'default'),
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
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      await store.close();
    },
  };
}
