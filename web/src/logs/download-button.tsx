// Download the whole filtered result (not only the loaded rows) as CSV or JSON, with progress and
// cancel. CSV has the visible columns; JSON has the complete Graph records.
import { useRef, useState } from 'react';
import { collectDownload, saveBlob } from '../api/download.ts';
import { errorText } from '../api/http-client.ts';
import type { ColumnDef, LogRecord, LogView } from './log-view.ts';
import { listUrl } from './query-state.ts';

export function DownloadButton({ view, filter, columns, select }: { view: LogView; filter: string; columns: readonly ColumnDef[]; select: readonly string[] }) {
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ctl = useRef<AbortController | null>(null);

  const run = async (format: 'csv' | 'json') => {
    const c = new AbortController();
    ctl.current = c;
    setError(null);
    setProgress(0);
    try {
      const { blob } = await collectDownload<LogRecord>(listUrl(view, filter, 1000, false, format === 'csv' ? select : undefined), format, columns.map((col) => ({ header: col.header, value: col.value })), setProgress, c.signal);
      const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
      saveBlob(blob, `${view.collection}_${stamp}.${format}`);
    } catch (e) {
      if (!c.signal.aborted) setError(errorText(e));
    } finally {
      setProgress(null);
    }
  };

  if (progress !== null) {
    return (
      <span className="download-progress" role="status">
        Downloading… {progress.toLocaleString('en-US')} records
        <button type="button" onClick={() => ctl.current?.abort()}>Cancel</button>
      </span>
    );
  }
  return (
    <>
      <button type="button" onClick={() => void run('csv')}>Download CSV</button>
      <button type="button" onClick={() => void run('json')}>Download JSON</button>
      {error && <span className="error-text" role="alert">{error}</span>}
    </>
  );
}
