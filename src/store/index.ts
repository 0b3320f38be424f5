export * from './log-store.ts';
export { DuckDbStore, type DuckDbStoreOptions } from './duckdb/duckdb-store.ts';
export { decodeRecord, engineTimeToIso } from './record-decoder.ts';
export * from './admin-store.ts';
export { openDuckDbAdminStore } from './duckdb/duckdb-admin-store.ts';
export { ClickHouseStore, type ClickHouseStoreOptions } from './clickhouse/clickhouse-store.ts';
export { openStore, storeConfigFrom, STORE_BACKENDS, type StoreConfig } from './open-store.ts';
export * from './last-sign-in-store.ts';
export { openDuckDbLastSignIns } from './duckdb/duckdb-last-sign-ins.ts';
