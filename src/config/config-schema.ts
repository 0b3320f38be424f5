// Every configuration key idtrail knows, declared once. This one table drives validation at
// start-up, `idtrail config check`, the serve flags and docs/configuration.md, so adding a key is
// one entry here (and, where it changes behaviour, reading it in the runtime).
import { keyDef, type ConfigSchema } from './config-types.ts';

export const CONFIG_SCHEMA = {
  'server.host': keyDef.string({ default: '127.0.0.1', env: 'IDTRAIL_HOST', flag: 'host', doc: 'Address to listen on; 0.0.0.0 for every interface.' }),
  'server.port': keyDef.int({ default: 8080, min: 0, max: 65535, env: 'IDTRAIL_PORT', flag: 'port', short: 'p', doc: 'TCP port to listen on (0 picks a free port).' }),
  'server.publicUrl': keyDef.string({ default: null, env: 'IDTRAIL_PUBLIC_URL', flag: 'public-url', doc: 'Absolute base URL used in @odata.nextLink (default: taken from the request).' }),
  'server.tlsCert': keyDef.path({ default: null, env: 'IDTRAIL_TLS_CERT', flag: 'tls-cert', doc: 'PEM certificate: serve https (the official Graph JS client needs https). Goes with server.tlsKey.' }),
  'server.tlsKey': keyDef.path({ default: null, env: 'IDTRAIL_TLS_KEY', flag: 'tls-key', doc: 'PEM private key for server.tlsCert.' }),
  'server.tenant': keyDef.string({ default: 'default', env: 'IDTRAIL_TENANT', flag: 'tenant', doc: 'Tenant served in local mode (no credentials).' }),
  'server.shutdownGraceSeconds': keyDef.int({ default: 30, min: 1, max: 3600, env: 'IDTRAIL_SHUTDOWN_GRACE_SECONDS', flag: 'shutdown-grace', doc: 'On SIGTERM/SIGINT, how long in-flight requests and ingest batches may take before the process exits anyway.' }),
  'server.requestTimeoutSeconds': keyDef.int({ default: 60, min: 0, max: 3600, env: 'IDTRAIL_REQUEST_TIMEOUT_SECONDS', flag: 'request-timeout', doc: 'Seconds a request may take before it is answered 504 and its store queries are cancelled (KQL, reports); 0 disables.' }),
  'server.drainDelaySeconds': keyDef.int({ default: 0, min: 0, max: 300, env: 'IDTRAIL_DRAIN_DELAY_SECONDS', flag: 'drain-delay', doc: 'On shutdown, seconds to keep serving while /readyz reports 503, so a load balancer stops sending traffic first.' }),
  'auth.mode': keyDef.enum(['auto', 'required', 'local'] as const, { default: 'auto', env: 'IDTRAIL_AUTH', flag: 'auth', doc: 'auto: no credentials needed on a loopback address until the first key exists (required elsewhere); required: always; local: never (loopback only).' }),
  'auth.oidcIssuer': keyDef.string({ default: null, env: 'IDTRAIL_OIDC_ISSUER', flag: 'oidc-issuer', doc: 'Accept JWTs from this OpenID Connect issuer (tenant from tid, roles from roles/wids). Goes with auth.oidcAudience.' }),
  'auth.oidcAudience': keyDef.string({ default: null, env: 'IDTRAIL_OIDC_AUDIENCE', flag: 'oidc-audience', doc: 'The audience those JWTs must carry.' }),
  'auth.oidcJwksUri': keyDef.string({ default: null, env: 'IDTRAIL_OIDC_JWKS_URI', flag: 'oidc-jwks-uri', doc: 'JWKS URL (default: from the issuer discovery document).' }),
  'auth.rateLimit': keyDef.string({ default: '50:100', env: 'IDTRAIL_RATE_LIMIT', flag: 'rate-limit', doc: 'Per-credential requests per second[:burst]; 0 disables. Answers 429 with Retry-After.' }),
  'store.backend': keyDef.enum(['duckdb', 'clickhouse'] as const, { default: 'duckdb', env: 'IDTRAIL_STORE', flag: 'store', doc: 'Storage backend: duckdb (embedded, one process) or clickhouse (scale-out).' }),
  'store.clickhouseUrl': keyDef.string({ default: null, secret: true, env: 'IDTRAIL_CLICKHOUSE_URL', flag: 'clickhouse-url', doc: 'ClickHouse HTTP URL for store.backend clickhouse, e.g. http://user:password@127.0.0.1:8123 (the password is masked in output).' }),
  'store.clickhouseDatabase': keyDef.string({ default: 'idtrail', env: 'IDTRAIL_CLICKHOUSE_DATABASE', flag: 'clickhouse-database', doc: 'ClickHouse database holding the idtrail tables.' }),
  'store.dataDir': keyDef.path({ default: './data', env: 'IDTRAIL_DATA_DIR', flag: 'data-dir', short: 'd', doc: 'Directory of the embedded store (one idtrail process per directory).' }),
  'store.memoryLimit': keyDef.size({ default: '2GB', env: 'IDTRAIL_MEMORY_LIMIT', flag: 'memory-limit', doc: 'DuckDB memory limit, e.g. 512MB, 4GB.' }),
  'store.recordCache': keyDef.size({ default: '64MB', env: 'IDTRAIL_RECORD_CACHE', flag: 'record-cache', doc: 'Memory for decoded records that list pages serve again without reading the store (records never change); 0B disables.' }),
  'store.threads': keyDef.int({ default: 2, min: 1, max: 256, env: 'IDTRAIL_THREADS', flag: 'threads', doc: 'DuckDB worker threads.' }),
  'ingest.enrich': keyDef.bool({ default: true, env: 'IDTRAIL_ENRICH', flag: 'enrich', doc: 'Derive device details (user agent) and locations (IP) at ingest.' }),
  'ingest.geoipDb': keyDef.path({ default: null, env: 'IDTRAIL_GEOIP_DB', flag: 'geoip-db', doc: 'MaxMind GeoIP2/GeoLite2 City .mmdb file (default: the bundled GeoLite2 data).' }),
  'ingest.maxBodyBytes': keyDef.int({ default: 64 * 1024 * 1024, min: 1024, env: 'IDTRAIL_MAX_BODY_BYTES', flag: 'max-body-bytes', doc: 'Largest ingest body, after gzip decoding, in bytes.' }),
  'ingest.maxBatchRecords': keyDef.int({ default: 100_000, min: 1, env: 'IDTRAIL_MAX_BATCH_RECORDS', flag: 'max-batch-records', doc: 'Most records in one ingest request.' }),
  'demo.onFirstStart': keyDef.bool({ default: true, env: 'IDTRAIL_DEMO', flag: 'demo', doc: 'When the store is empty at start, generate a demo tenant (planted attacks included) into server.tenant in the background, so the API and the admin center show data at once. --no-demo starts empty.' }),
  'demo.users': keyDef.int({ default: 150, min: 1, max: 100000, env: 'IDTRAIL_DEMO_USERS', flag: 'demo-users', doc: 'Users in the first-start demo tenant.' }),
  'demo.days': keyDef.int({ default: 14, min: 1, max: 365, env: 'IDTRAIL_DEMO_DAYS', flag: 'demo-days', doc: 'Days of activity in the first-start demo tenant, ending now.' }),
  'log.level': keyDef.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, { default: 'info', env: 'IDTRAIL_LOG_LEVEL', flag: 'log-level', doc: 'Log level. Record contents are only logged at debug and trace.' }),
  'log.format': keyDef.enum(['json', 'pretty'] as const, { default: 'json', env: 'IDTRAIL_LOG_FORMAT', flag: 'log-format', doc: 'json: one JSON object per line (production); pretty: readable, coloured lines (development).' }),
  'metrics.enabled': keyDef.bool({ default: true, env: 'IDTRAIL_METRICS', flag: 'metrics', doc: 'Serve Prometheus metrics at /metrics.' }),
} satisfies ConfigSchema;

export type IdtrailConfigSchema = typeof CONFIG_SCHEMA;
