// `idtrail serve`: run the HTTP API (Graph routes, ingest, admin center) on the embedded store.
// Settings come from config/ (file < environment < flags); the flags are generated from its schema.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { createRuntime, type Runtime } from '../runtime/runtime.ts';
import { CONFIG_SCHEMA, type IdtrailConfig } from '../config/index.ts';
import { createLogger, createMetrics } from '../observability/index.ts';
import { StoreError, storeConfigFrom } from '../store/index.ts';
import { CliError } from './cli-error.ts';
import { addConfigOptions } from './config-options.ts';
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
  const log = createLogger({ level: c['log.level'], format: c['log.format'] });
  let rt: Runtime;
  try {
    const store = storeConfigFrom({
      store: c['store.backend'], dataDir: c['store.dataDir'], memoryLimit: c['store.memoryLimit'], threads: c['store.threads'],
      clickhouseUrl: c['store.clickhouseUrl'] ?? undefined, clickhouseDatabase: c['store.clickhouseDatabase'] ?? undefined,
    });
    rt = await createRuntime({
      store, dataDir: c['store.dataDir'], memoryLimit: c['store.memoryLimit'], threads: c['store.threads'], defaultTenant: c['server.tenant'],
      enrich: c['ingest.enrich'], geoipDb: c['ingest.geoipDb'] ?? undefined, publicUrl: c['server.publicUrl'], https,
      maxBodyBytes: c['ingest.maxBodyBytes'], maxBatchRecords: c['ingest.maxBatchRecords'],
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
  const address = await rt.app.listen({ port: c['server.port'], host: c['server.host'] });
  rt.lifecycle.markReady();
  log.info({ address, dataDir: c['store.dataDir'], tenant: c['server.tenant'] }, `idtrail listening on ${address}`);
  return rt;
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
