import { DuckDbStore } from '../duckdb/duckdb-store.ts';
import { runConformance } from './conformance-cases.ts';
// The plug-in cases register themselves on import.
import './odata-golden-cases.ts';
import './report-cases.ts';

runConformance('duckdb', () => DuckDbStore.open({ dataDir: ':memory:' }));
