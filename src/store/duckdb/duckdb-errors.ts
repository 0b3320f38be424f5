// DuckDB errors sorted by whose they are: the asker's (a value the query itself holds) or the store's.
import { StoreError } from '../log-store.ts';

/**
 * DuckDB's errors that the query's own values cause, as IDT_QUERY_RUNTIME with the engine's first
 * line (the rest quotes the generated SQL, which the asker never wrote). Others stay as they are.
 */
export function runtimeError(e: unknown): StoreError | null {
  const msg = e instanceof Error ? e.message : '';
  // The client refuses to bind a number past 64 bits where DuckDB typed the parameter BIGINT.
  if (/^bigint out of int64 range/.test(msg)) return new StoreError('a number in the query is beyond the 64-bit integer range', 'IDT_QUERY_RUNTIME', { cause: e });
  if (!/^(Conversion Error|Invalid Input Error|Out of Range Error):/.test(msg)) return null;
  return new StoreError(msg.split('\n')[0]!, 'IDT_QUERY_RUNTIME', { cause: e });
}
