// Loads a Graph collection page by page: the first page when the query changes, the next page when
// the table scrolls near the end. Stale responses are dropped by aborting the previous query.
import { useCallback, useEffect, useRef, useState } from 'react';
import { getJson, type GraphPage } from '../api/http-client.ts';
import type { LogRecord } from './log-view.ts';

export interface PagedLog {
  readonly rows: readonly LogRecord[];
  readonly count: number | null;
  readonly loading: boolean;
  readonly error: unknown;
  readonly hasMore: boolean;
  /** Milliseconds the first page took, shown so admins see the speed they get. */
  readonly firstPageMs: number | null;
  loadMore(): void;
  reload(): void;
}

/** `countUrl` runs beside the first page, so the total never delays the first rows. */
export function usePagedLog(firstUrl: string, countUrl: string): PagedLog {
  const [rows, setRows] = useState<LogRecord[]>([]);
  const [count, setCount] = useState<number | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [next, setNext] = useState<string | null>(null);
  const [firstPageMs, setFirstPageMs] = useState<number | null>(null);
  const [generation, setGeneration] = useState(0);
  const ctl = useRef<AbortController | null>(null);
  const busy = useRef(false);

  useEffect(() => {
    ctl.current?.abort();
    const c = new AbortController();
    ctl.current = c;
    busy.current = true;
    setRows([]);
    setCount(null);
    setNext(null);
    setError(null);
    setLoading(true);
    const t0 = performance.now();
    getJson<GraphPage<LogRecord>>(countUrl, c.signal).then(
      (p) => !c.signal.aborted && setCount(p['@odata.count'] ?? null),
      () => {},
    );
    getJson<GraphPage<LogRecord>>(firstUrl, c.signal)
      .then((page) => {
        if (c.signal.aborted) return;
        setRows(page.value);
        setNext(page['@odata.nextLink'] ?? null);
        setFirstPageMs(Math.round(performance.now() - t0));
      })
      .catch((e: unknown) => {
        if (!c.signal.aborted) setError(e);
      })
      .finally(() => {
        if (!c.signal.aborted) {
          setLoading(false);
          busy.current = false;
        }
      });
    return () => c.abort();
  }, [firstUrl, countUrl, generation]);

  const loadMore = useCallback(() => {
    if (!next || busy.current) return;
    const c = ctl.current;
    busy.current = true;
    setLoading(true);
    getJson<GraphPage<LogRecord>>(next, c?.signal)
      .then((page) => {
        if (c?.signal.aborted) return;
        setRows((r) => [...r, ...page.value]);
        setNext(page['@odata.nextLink'] ?? null);
      })
      .catch((e: unknown) => {
        if (!c?.signal.aborted) setError(e);
      })
      .finally(() => {
        if (!c?.signal.aborted) {
          setLoading(false);
          busy.current = false;
        }
      });
  }, [next]);

  return { rows, count, loading, error, hasMore: next !== null, firstPageMs, loadMore, reload: () => setGeneration((g) => g + 1) };
}
