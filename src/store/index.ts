export * from './log-store.ts';
export { DuckDbStore, type DuckDbStoreOptions } from './duckdb/duckdb-store.ts';
export { decodeRecord, engineTimeToIso } from './record-decoder.ts';
