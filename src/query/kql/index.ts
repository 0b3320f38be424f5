export { KqlError, type KqlErrorCode, type KqlPosition } from './kql-errors.ts';
export { warmKqlParser } from './kql-parser.ts';
export { kqlToIr, type LoweredQuery, type KqlToIrOptions } from './kql-to-ir.ts';
export { runKql, lowerKql, formatTimespan, type LaQueryResult, type LaTableResult, type RunKqlOptions } from './kql-service.ts';
export { LA_TABLE_NAMES } from './la-tables.ts';
