export * from './log-store.ts';
export { DuckDbStore, type DuckDbStoreOptions } from './duckdb/duckdb-store.ts';
export { decodeRecord, engineTimeToIso } from './record-decoder.ts';
export * from './admin-store.ts';
export { openDuckDbAdminStore } from './duckdb/duckdb-admin-store.ts';
