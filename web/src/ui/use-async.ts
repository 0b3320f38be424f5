// Run an async load when its key changes; report loading/error/data. Aborts the stale load.
import { useEffect, useState } from 'react';

export interface AsyncState<T> {
  readonly data: T | null;
  readonly error: unknown;
  readonly loading: boolean;
}

export function useAsync<T>(key: string, load: (signal: AbortSignal) => Promise<T>): AsyncState<T> {
  const [state, setState] = useState<AsyncState<T>>({ data: null, error: null, loading: true });
  useEffect(() => {
    const c = new AbortController();
    setState({ data: null, error: null, loading: true });
    load(c.signal).then(
      (data) => !c.signal.aborted && setState({ data, error: null, loading: false }),
      (error: unknown) => !c.signal.aborted && setState({ data: null, error, loading: false }),
    );
    return () => c.abort();
  }, [key]); // eslint-disable-line react-hooks/exhaustive-deps
  return state;
}
