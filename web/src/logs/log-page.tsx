// One log blade: tabs, filters, column picker, download, the virtual grid and the detail pane.
// Everything the user chooses is written to the URL; the page reads it back, so links are shareable.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { getJson } from '../api/http-client.ts';
import { Empty, ErrorState, Loading } from '../ui/states.tsx';
import { ColumnPicker } from './column-picker.tsx';
import { DetailPane } from './detail-pane.tsx';
import { DownloadButton } from './download-button.tsx';
import { FilterBar } from './filter-bar.tsx';
import { LogTable } from './log-table.tsx';
import type { LogRecord, LogView } from './log-view.ts';
import { activeTab, buildFilter, listUrl, visibleColumns } from './query-state.ts';
import { usePagedLog } from './use-paged-log.ts';

// The server reads whole records before shaping, so a page costs about its length: 50 rows keep
// the first paint fast and the next pages arrive well before the user scrolls to them.
const PAGE = 50;
/** Parameters that change what is shown without changing the query. */
const VIEW_ONLY = new Set(['cols', 'sel', 'dtab']);

export function LogPage({ view }: { view: LogView }) {
  const [params, setParams] = useSearchParams();
  const set = useCallback(
    (changes: Record<string, string | null>) =>
      setParams((p) => {
        const n = new URLSearchParams(p);
        for (const [k, v] of Object.entries(changes)) {
          if (v === null || v === '') n.delete(k);
          else n.set(k, v);
        }
        return n;
      }),
    [setParams],
  );

  // Presets like "last 7 days" resolve against the clock once per query change, not per render.
  const queryKey = [...params.entries()].filter(([k]) => !VIEW_ONLY.has(k)).map(([k, v]) => `${k}=${v}`).join('&');
  const filter = useMemo(() => buildFilter(view, params), [view, queryKey]); // eslint-disable-line react-hooks/exhaustive-deps
  const tab = activeTab(view, params);
  const colIds = visibleColumns(view, params);
  const columns = useMemo(() => colIds.map((id) => view.columns.find((c) => c.id === id)!).filter(Boolean), [colIds.join(','), view]); // eslint-disable-line react-hooks/exhaustive-deps
  const select = useMemo(() => [...new Set(columns.flatMap((c) => c.fields))].sort(), [columns]);
  const firstUrl = listUrl(view, filter, PAGE, false, select);
  const log = usePagedLog(firstUrl, listUrl(view, filter, 1, true, ['id']));

  const selId = params.get('sel');
  // The grid holds only the selected columns; the pane shows the whole record, fetched by id (this
  // also serves shared links to records outside the loaded pages).
  const [full, setFull] = useState<{ id: string; rec: LogRecord | null; error: unknown }>({ id: '', rec: null, error: null });
  useEffect(() => {
    if (!selId) return;
    const c = new AbortController();
    setFull({ id: selId, rec: null, error: null });
    getJson<LogRecord>(`/beta/auditLogs/${view.collection}/${encodeURIComponent(selId)}`, c.signal).then(
      (rec) => setFull({ id: selId, rec, error: null }),
      (error: unknown) => !c.signal.aborted && setFull({ id: selId, rec: null, error }),
    );
    return () => c.abort();
  }, [selId, view.collection]);
  const selected = selId && full.id === selId ? full : null;

  useEffect(() => {
    document.title = `${view.title} · idtrail`;
  }, [view.title]);

  return (
    <div className={`log-page${selected ? ' with-detail' : ''}`}>
      <div className="log-main">
        <header className="page-head">
          <h1>{view.title}</h1>
          <div className="toolbar">
            <ColumnPicker columns={view.columns} visible={colIds} onChange={(ids) => set({ cols: ids.join(',') })} />
            <DownloadButton view={view} filter={filter} columns={columns} select={select} />
            <button type="button" onClick={log.reload}>Refresh</button>
          </div>
        </header>
        {view.tabs && (
          <nav className="log-tabs" aria-label="Sign-in types">
            {view.tabs.map((t) => (
              <button key={t.id} type="button" aria-pressed={t.id === tab} className={t.id === tab ? 'active' : ''} onClick={() => set({ tab: t.id === view.tabs![0]!.id ? null : t.id, sel: null, cols: null })}>
                {t.label}
              </button>
            ))}
          </nav>
        )}
        <FilterBar filters={view.filters} tab={tab} params={params} set={(c) => set({ ...c, sel: null })} />
        <div className="result-line" aria-live="polite">
          {log.error ? null : log.loading && log.rows.length === 0 ? 'Loading…' : (
            <span data-testid="result-count">
              {log.count !== null ? `${log.count.toLocaleString('en-US')} records` : `${log.rows.length.toLocaleString('en-US')}${log.hasMore ? '+' : ''} records`}
              {log.rows.length > 0 && ` · ${log.rows.length.toLocaleString('en-US')} loaded`}
              {log.firstPageMs !== null && ` · first page in ${log.firstPageMs} ms`}
            </span>
          )}
          <code className="filter-text" title="The Graph $filter this view sends">{filter ? `$filter=${filter}` : ''}</code>
        </div>
        {log.error ? (
          <ErrorState error={log.error} what={view.title} retry={log.reload} />
        ) : log.rows.length === 0 ? (
          log.loading ? <Loading /> : <Empty />
        ) : (
          <LogTable
            label={view.title}
            columns={columns}
            rows={log.rows}
            selectedId={selId}
            onOpen={(r) => set({ sel: String(r['id']) })}
            hasMore={log.hasMore}
            loadMore={log.loadMore}
          />
        )}
      </div>
      {selected && (
        selected.rec ? (
          <DetailPane
            title={view.detailTitle(selected.rec)}
            record={selected.rec}
            tabs={view.detailTabs}
            activeTab={params.get('dtab')}
            onTab={(id) => set({ dtab: id })}
            onClose={() => set({ sel: null, dtab: null })}
          />
        ) : (
          <aside className="detail" aria-label="Record details" aria-busy={!selected.error}>
            {selected.error ? <ErrorState error={selected.error} what="This record" /> : <Loading label="Loading record…" />}
          </aside>
        )
      )}
    </div>
  );
}
