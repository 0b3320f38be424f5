export { compile, type CompiledQuery, type ScanResolver, type ScanTarget } from './compiler.ts';
export { SqlCompileError, type SqlDialect } from './dialect.ts';
export { duckdbDialect } from './duckdb-dialect.ts';
export { clickhouseDialect } from './clickhouse-dialect.ts';
export { clickhouseLiteral, clickhouseIdent, ClickHouseLiteralError } from './clickhouse-literal.ts';
