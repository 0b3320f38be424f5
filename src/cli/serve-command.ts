// `idtrail serve`: run the HTTP API (Graph routes, ingest, admin center) on the embedded store.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { createRuntime } from '../runtime/runtime.ts';
import { storeConfigFrom, StoreError } from '../store/index.ts';
import { CliError } from './cli-error.ts';
import { bootstrapKeys } from '../runtime/security-wiring.ts';
import type { RuntimeConfig } from '../runtime/runtime.ts';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** auto turns into required off loopback: credential-less access is for a local install only. */
function securityOptions(o: ServeOptions): Pick<RuntimeConfig, 'auth' | 'jwt' | 'rateLimit'> {
  if (!['auto', 'required', 'local'].includes(o.auth)) throw new CliError(`--auth must be auto, required or local, got '${o.auth}'`);
  if (o.auth === 'local' && !LOOPBACK.has(o.host)) throw new CliError('--auth local only binds to 127.0.0.1/::1: anyone reaching the port would be an administrator');
  const auth = o.auth === 'auto' && !LOOPBACK.has(o.host) ? 'required' : (o.auth as 'auto' | 'required' | 'local');
  if (Boolean(o.oidcIssuer) !== Boolean(o.oidcAudience)) throw new CliError('--oidc-issuer and --oidc-audience go together');
  const jwt = o.oidcIssuer ? { issuer: o.oidcIssuer, audience: o.oidcAudience!, ...(o.oidcJwksUri ? { jwksUri: o.oidcJwksUri } : {}) } : null;
  const m = /^(\d+(?:\.\d+)?)(?::(\d+))?$/.exec(o.rateLimit);
  if (!m) throw new CliError(`--rate-limit must look like 50 or 50:100, got '${o.rateLimit}'`);
  const rate = Number(m[1]);
  const rateLimit = rate > 0 ? { ratePerSecond: rate, burst: m[2] ? Number(m[2]) : Math.max(1, Math.ceil(rate * 2)) } : null;
  return { auth, jwt, rateLimit };
}

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
  auth: string;
  oidcIssuer?: string;
  oidcAudience?: string;
  oidcJwksUri?: string;
  rateLimit: string;
  store?: string;
  clickhouseUrl?: string;
  clickhouseDatabase?: string;
  config?: string;
}

/** Keys a JSON config file may set; command-line flags win over the file. */
const CONFIG_KEYS = ['port', 'host', 'dataDir', 'tenant', 'store', 'clickhouseUrl', 'clickhouseDatabase', 'publicUrl'] as const;

function readConfigFile(file: string): Partial<ServeOptions> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new CliError(`cannot read the config file ${file}: ${(e as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new CliError(`${file} must hold a JSON object`);
  const out: Partial<Record<(typeof CONFIG_KEYS)[number], string>> = {};
  for (const [k, v] of Object.entries(parsed)) {
    if (!(CONFIG_KEYS as readonly string[]).includes(k)) throw new CliError(`${file}: unknown setting '${k}' (known: ${CONFIG_KEYS.join(', ')})`);
    if (typeof v !== 'string' && typeof v !== 'number') throw new CliError(`${file}: '${k}' must be a string`);
    out[k as (typeof CONFIG_KEYS)[number]] = String(v);
  }
  return out;
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
    .option('--auth <mode>', 'auto: no credentials needed on 127.0.0.1 until a key exists; required; local', process.env.IDTRAIL_AUTH ?? 'auto')
    .option('--oidc-issuer <url>', 'accept JWTs from this OpenID Connect issuer (tenant from tid, roles from roles/wids)', process.env.IDTRAIL_OIDC_ISSUER)
    .option('--oidc-audience <aud>', 'the audience those JWTs must carry', process.env.IDTRAIL_OIDC_AUDIENCE)
    .option('--oidc-jwks-uri <url>', 'JWKS URL (default: from the issuer discovery document)')
    .option('--rate-limit <rate>', 'per-credential requests per second[:burst]; 0 disables', process.env.IDTRAIL_RATE_LIMIT ?? '50:100')
    .option('--store <backend>', 'storage backend: duckdb (embedded, default) or clickhouse', process.env.IDTRAIL_STORE)
    .option('--clickhouse-url <url>', 'ClickHouse HTTP URL for --store clickhouse', process.env.IDTRAIL_CLICKHOUSE_URL)
    .option('--clickhouse-database <name>', 'ClickHouse database (default idtrail)')
    .option('--config <file>', 'JSON config file (keys: port, host, dataDir, tenant, store, clickhouseUrl, clickhouseDatabase, publicUrl)')
    .action(async (o: ServeOptions, cmd: Command) => {
      if (o.config) {
        // A flag given on the command line wins; a default does not override the file.
        const file = readConfigFile(o.config);
        for (const [k, v] of Object.entries(file)) {
          if (cmd.getOptionValueSource(k) !== 'cli') (o as unknown as Record<string, unknown>)[k] = v;
        }
      }
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
  const sec = securityOptions(o);
  let store;
  try {
    store = storeConfigFrom({
      store: o.store, dataDir: o.dataDir, memoryLimit: o.memoryLimit, threads: Number(o.threads),
      clickhouseUrl: o.clickhouseUrl, clickhouseDatabase: o.clickhouseDatabase,
    });
  } catch (e) {
    throw e instanceof StoreError ? new CliError(e.message) : e;
  }
  const rt = await createRuntime({
    ...sec,
    store, dataDir: o.dataDir, memoryLimit: o.memoryLimit, threads: Number(o.threads), defaultTenant: o.tenant,
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
  if (sec.auth === 'required' && !sec.jwt) {
    const boot = await bootstrapKeys(rt.security, o.tenant);
    if (boot) {
      process.stderr.write(`\nFirst start with authentication required: bootstrap credentials for tenant '${o.tenant}' (shown once):\n` +
        `  administrator (Global Administrator): ${boot.admin}\n  ingest (Ingest Writer):               ${boot.ingest}\n` +
        `Use them as 'Authorization: Bearer <key>'; issue more with POST /admin/keys.\n\n`);
    }
  }
  const local = await rt.security.auth.localModeActive();
  const address = await rt.app.listen({ port, host: o.host });
  if (local) rt.app.log.warn(`local mode: requests without credentials act as an administrator of tenant '${o.tenant}' (no keys exist yet; see --auth)`);
  const where = store.backend === 'clickhouse' ? `ClickHouse at ${store.url.replace(/\/\/[^@/]*@/, '//***@')}` : o.dataDir;
  rt.app.log.info(`idtrail listening on ${address} (data in ${where}, ${local ? `local mode for tenant '${o.tenant}'` : 'credentials required'})`);
}
