import { DuckDbStore } from '../duckdb/duckdb-store.ts';
import { runConformance } from './conformance-cases.ts';

runConformance('duckdb', () => DuckDbStore.open({ dataDir: ':memory:' }));
