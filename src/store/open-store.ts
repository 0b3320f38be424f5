// Choosing a backend from configuration (CLI flags, config file, environment). The embedded
// DuckDB store is the default; ClickHouse is opt-in with a server URL.
import { DuckDbStore } from './duckdb/duckdb-store.ts';
import { ClickHouseStore } from './clickhouse/clickhouse-store.ts';
import { StoreError, type LogStore } from './log-store.ts';

export type StoreConfig =
  | { readonly backend: 'duckdb'; readonly dataDir: string; readonly memoryLimit?: string; readonly threads?: number; readonly recordCacheBytes?: number }
  | { readonly backend: 'clickhouse'; readonly url: string; readonly database?: string; readonly username?: string; readonly password?: string };

export const STORE_BACKENDS = ['duckdb', 'clickhouse'] as const;

/** Validate the store part of a configuration (a trust boundary: flags and files come from users). */
export function storeConfigFrom(o: {
  store?: string; dataDir: string; memoryLimit?: string; threads?: number; recordCacheBytes?: number;
  clickhouseUrl?: string; clickhouseDatabase?: string; clickhouseUser?: string; clickhousePassword?: string;
}): StoreConfig {
  const backend = o.store ?? 'duckdb';
  if (backend === 'duckdb') {
    return { backend, dataDir: o.dataDir, ...(o.memoryLimit ? { memoryLimit: o.memoryLimit } : {}), ...(o.threads ? { threads: o.threads } : {}), ...(o.recordCacheBytes !== undefined ? { recordCacheBytes: o.recordCacheBytes } : {}) };
  }
  if (backend !== 'clickhouse') throw new StoreError(`unknown store '${backend}': use ${STORE_BACKENDS.join(' or ')}`, 'IDT_STORE_UNAVAILABLE');
  if (!o.clickhouseUrl) throw new StoreError('--store clickhouse needs --clickhouse-url (or clickhouseUrl in the config file)', 'IDT_STORE_UNAVAILABLE');
  let url: URL;
  try {
    url = new URL(o.clickhouseUrl);
  } catch {
    throw new StoreError(`--clickhouse-url is not a URL: '${o.clickhouseUrl}'`, 'IDT_STORE_UNAVAILABLE');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new StoreError('--clickhouse-url must be http:// or https://', 'IDT_STORE_UNAVAILABLE');
  return {
    backend, url: o.clickhouseUrl,
    ...(o.clickhouseDatabase ? { database: o.clickhouseDatabase } : {}),
    ...(o.clickhouseUser ? { username: o.clickhouseUser } : {}),
    ...(o.clickhousePassword ? { password: o.clickhousePassword } : {}),
  };
}

export function openStore(cfg: StoreConfig): Promise<LogStore> {
  switch (cfg.backend) {
    case 'duckdb':
      return DuckDbStore.open(cfg);
    case 'clickhouse':
      return ClickHouseStore.open(cfg);
  }
}
