// `idtrail serve`: run the HTTP API (Graph routes, ingest, admin center) on the embedded store.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { createRuntime } from '../runtime/runtime.ts';
import { CliError } from './cli-error.ts';
import { warmKqlParser } from '../query/kql/index.ts';

export interface ServeOptions {
  port: string;
  host: string;
  dataDir: string;
  tlsCert?: string;
  tlsKey?: string;
  memoryLimit: string;
  threads: string;
  tenant: string;
  enrich: boolean;
  geoipDb?: string;
  publicUrl?: string;
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('run the API server on the embedded store')
    .option('-p, --port <port>', 'port to listen on', process.env.IDTRAIL_PORT ?? '8080')
    .option('--host <host>', 'address to listen on', process.env.IDTRAIL_HOST ?? '127.0.0.1')
    .option('-d, --data-dir <dir>', 'directory of the embedded store', process.env.IDTRAIL_DATA_DIR ?? './data')
    .option('--tls-cert <file>', 'PEM certificate: serve https (the official Graph JS client needs https)')
    .option('--tls-key <file>', 'PEM private key for --tls-cert')
    .option('--memory-limit <size>', 'DuckDB memory limit', '2GB')
    .option('--threads <n>', 'DuckDB worker threads', '2')
    .option('--tenant <id>', 'tenant served in local mode (no credentials)', 'default')
    .option('--no-enrich', 'do not derive device details and locations at ingest')
    .option('--geoip-db <file>', 'MaxMind GeoIP2/GeoLite2 City .mmdb (default: bundled GeoLite2 data)')
    .option('--public-url <url>', 'absolute base URL used in @odata.nextLink (default: from the request)')
    .action(async (o: ServeOptions) => {
      await serve(o);
    });
}

export async function serve(o: ServeOptions): Promise<void> {
  const port = Number(o.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port must be a number from 0 to 65535, got '${o.port}'`);
  if (Boolean(o.tlsCert) !== Boolean(o.tlsKey)) throw new CliError('--tls-cert and --tls-key go together');
  let https: { key: Buffer; cert: Buffer } | null = null;
  if (o.tlsCert && o.tlsKey) {
    try {
      https = { cert: readFileSync(o.tlsCert), key: readFileSync(o.tlsKey) };
    } catch (e) {
      throw new CliError(`cannot read the TLS files: ${(e as Error).message}`);
    }
  }
  const rt = await createRuntime({
    dataDir: o.dataDir, memoryLimit: o.memoryLimit, threads: Number(o.threads), defaultTenant: o.tenant,
    enrich: o.enrich, geoipDb: o.geoipDb, publicUrl: o.publicUrl ?? null, https, logger: { level: process.env.IDTRAIL_LOG_LEVEL ?? 'info' },
  });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) process.exit(130); // a second signal exits at once
    stopping = true;
    rt.app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    await rt.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  // The KQL parser loads ~1.5 s of Bridge.NET code on first use; pay it before taking traffic.
  warmKqlParser();
  const address = await rt.app.listen({ port, host: o.host });
  rt.app.log.info(`idtrail listening on ${address} (data in ${o.dataDir}, tenant '${o.tenant}' in local mode)`);
}
