// `idtrail serve`: run the HTTP API (Graph routes, ingest, admin center) on the embedded store.
// Settings come from config/ (file < environment < flags); the flags are generated from its schema.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { createRuntime, type Runtime } from '../runtime/runtime.ts';
import { CONFIG_SCHEMA, sizeToBytes, type IdtrailConfig } from '../config/index.ts';
import { createLogger, createMetrics } from '../observability/index.ts';
import { StoreError, storeConfigFrom, type WarmStartSummary } from '../store/index.ts';
import { CliError } from './cli-error.ts';
import { addConfigOptions } from './config-options.ts';
import { seedDemo } from './demo-command.ts';
import { defaultDemoOptions } from '../demo/index.ts';
import type { FastifyBaseLogger } from 'fastify';
import { bootstrapKeys } from '../runtime/security-wiring.ts';
import type { RuntimeConfig } from '../runtime/runtime.ts';
import { warmKqlParser } from '../query/kql/index.ts';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** auto turns into required off loopback: credential-less access is for a local install only. */
function securityOptions(c: IdtrailConfig): Pick<RuntimeConfig, 'auth' | 'jwt' | 'rateLimit'> {
  const host = c['server.host'];
  const mode = c['auth.mode'];
  if (mode === 'local' && !LOOPBACK.has(host)) throw new CliError('auth.mode local only binds to 127.0.0.1/::1: anyone reaching the port would be an administrator', EXIT_CONFIG);
  const auth = mode === 'auto' && !LOOPBACK.has(host) ? 'required' : mode;
  const issuer = c['auth.oidcIssuer'];
  const audience = c['auth.oidcAudience'];
  if (Boolean(issuer) !== Boolean(audience)) throw new CliError('invalid configuration: auth.oidcIssuer and auth.oidcAudience go together', EXIT_CONFIG);
  const jwksUri = c['auth.oidcJwksUri'];
  const jwt = issuer && audience ? { issuer, audience, ...(jwksUri ? { jwksUri } : {}) } : null;
  const m = /^(\d+(?:\.\d+)?)(?::(\d+))?$/.exec(c['auth.rateLimit']);
  if (!m) throw new CliError(`invalid configuration: auth.rateLimit must look like 50 or 50:100, got '${c['auth.rateLimit']}'`, EXIT_CONFIG);
  const rate = Number(m[1]);
  const rateLimit = rate > 0 ? { ratePerSecond: rate, burst: m[2] ? Number(m[2]) : Math.max(1, Math.ceil(rate * 2)) } : null;
  return { auth, jwt, rateLimit };
}
import { EXIT_CONFIG, loadCliConfig } from './config-command.ts';

export function registerServeCommand(program: Command): void {
  const cmd = program.command('serve').description('run the API server on the embedded store');
  addConfigOptions(cmd, CONFIG_SCHEMA).action(async (o: Record<string, unknown>) => {
    await serve(o);
  });
}

function readTls(c: IdtrailConfig): { key: Buffer; cert: Buffer } | null {
  if (Boolean(c['server.tlsCert']) !== Boolean(c['server.tlsKey'])) throw new CliError('invalid configuration: server.tlsCert and server.tlsKey go together', EXIT_CONFIG);
  if (!c['server.tlsCert'] || !c['server.tlsKey']) return null;
  try {
    return { cert: readFileSync(c['server.tlsCert']), key: readFileSync(c['server.tlsKey']) };
  } catch (e) {
    throw new CliError(`cannot read the TLS files: ${(e as Error).message}`, EXIT_CONFIG);
  }
}

export async function serve(flags: Record<string, unknown>): Promise<Runtime> {
  const c = loadCliConfig(flags).values;
  const https = readTls(c);
  const sec = securityOptions(c);
  const log = createLogger({ level: c['log.level'], format: c['log.format'] });
  let rt: Runtime;
  try {
    const store = storeConfigFrom({
      store: c['store.backend'], dataDir: c['store.dataDir'], memoryLimit: c['store.memoryLimit'], threads: c['store.threads'],
      recordCacheBytes: sizeToBytes(c['store.recordCache']),
      clickhouseUrl: c['store.clickhouseUrl'] ?? undefined, clickhouseDatabase: c['store.clickhouseDatabase'] ?? undefined,
    });
    rt = await createRuntime({
      ...sec, store, dataDir: c['store.dataDir'], memoryLimit: c['store.memoryLimit'], threads: c['store.threads'], defaultTenant: c['server.tenant'],
      enrich: c['ingest.enrich'], geoipDb: c['ingest.geoipDb'] ?? undefined, publicUrl: c['server.publicUrl'], https,
      maxBodyBytes: c['ingest.maxBodyBytes'], maxBatchRecords: c['ingest.maxBatchRecords'], requestTimeoutSeconds: c['server.requestTimeoutSeconds'],
      loggerInstance: log, metrics: c['metrics.enabled'] ? createMetrics({ processMetrics: true }) : null,
    });
  } catch (e) {
    if (e instanceof StoreError && e.code === 'IDT_STORE_LOCKED') {
      throw new CliError(`${e.message}.\nStop the other idtrail process, or give this one its own directory with --data-dir.`);
    }
    if (e instanceof StoreError) throw new CliError(e.message);
    throw e;
  }
  installSignalHandlers(rt, c);
  const tenant = c['server.tenant'];
  if (sec.auth === 'required' && !sec.jwt) {
    const boot = await bootstrapKeys(rt.security, tenant);
    if (boot) {
      process.stderr.write(`\nFirst start with authentication required: bootstrap credentials for tenant '${tenant}' (shown once):\n` +
        `  administrator (Global Administrator): ${boot.admin}\n  ingest (Ingest Writer):               ${boot.ingest}\n` +
        `Use them as 'Authorization: Bearer <key>'; issue more with POST /admin/keys.\n\n`);
    }
  }
  const local = await rt.security.auth.localModeActive();
  // The KQL parser loads ~1.5 s of Bridge.NET code on first use; pay it before taking traffic.
  warmKqlParser();
  const address = await rt.app.listen({ port: c['server.port'], host: c['server.host'] });
  rt.lifecycle.markReady();
  if (local) log.warn(`local mode: requests without credentials act as an administrator of tenant '${tenant}' (no keys exist yet; see --auth)`);
  log.info({ address, dataDir: c['store.dataDir'], tenant, auth: local ? 'local' : 'required' }, `idtrail listening on ${address}`);
  if (rt.store.warmStart) void warmStart(rt.store.warmStart(), log);
  if (c['demo.onFirstStart']) void seedDemoOnFirstStart(rt, tenant, c, log);
  return rt;
}

/**
 * The duplicate filters load once the server is ready, so neither the open nor /readyz waits for
 * them; a tenant sending before its filter is loaded loads it with its batch, as without this.
 */
async function warmStart(done: Promise<WarmStartSummary>, log: FastifyBaseLogger): Promise<void> {
  const s = await done;
  const fields = { logs: s.logs, records: s.records, bytes: s.bytes, seconds: Math.round(s.seconds * 10) / 10, skipped: s.skipped, failed: s.failed };
  if (s.error !== undefined) log.warn({ ...fields, err: s.error }, 'duplicate-id filters: warm start failed; each tenant loads its filter with its first batch');
  else log.info({ ...fields, stopped: s.stopped }, 'duplicate-id filters loaded');
}

/** An empty store gets a demo tenant, generated in the background while the server already answers. */
async function seedDemoOnFirstStart(rt: Runtime, tenant: string, c: IdtrailConfig, log: FastifyBaseLogger): Promise<void> {
  try {
    const stats = await rt.store.stats();
    // Creating the tenant already wrote its own audit event, so "empty" means no activity yet.
    if (stats.kinds.signIns.records > 0 || stats.kinds.signUps.records > 0 || stats.kinds.provisioning.records > 0) return;
    const opts = { ...defaultDemoOptions(), users: c['demo.users'], days: c['demo.days'], tenantId: tenant };
    log.info({ users: opts.users, days: opts.days, tenant }, 'empty store: generating a demo tenant with planted attacks (start with --no-demo to stay empty)');
    const started = Date.now();
    const summary = await seedDemo(rt.ingest, tenant, opts, false, (msg) => log.info(msg));
    const total = Object.values(summary.counts).reduce((a, b) => a + b, 0);
    log.info({ records: total, seconds: Math.round((Date.now() - started) / 100) / 10, counts: summary.counts }, 'demo tenant ready');
  } catch (err) {
    log.error({ err }, 'demo tenant generation failed; the server keeps running');
  }
}

function installSignalHandlers(rt: Runtime, c: IdtrailConfig): void {
  const log = rt.app.log;
  let signalled = false;
  const stop = (signal: NodeJS.Signals) => {
    if (signalled) {
      log.warn({ signal }, 'second signal: exiting at once');
      process.exit(130);
    }
    signalled = true;
    log.info({ signal }, 'shutting down: finishing in-flight requests and ingest batches');
    // A hung client or store must not keep the process alive forever.
    const timer = setTimeout(() => {
      log.error({ graceSeconds: c['server.shutdownGraceSeconds'] }, 'shutdown took too long: exiting');
      process.exit(1);
    }, c['server.shutdownGraceSeconds'] * 1000);
    timer.unref();
    rt.lifecycle.stop({ drainDelayMs: c['server.drainDelaySeconds'] * 1000 }).then(
      () => {
        log.info('stopped: store flushed and closed');
        process.exit(0);
      },
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
