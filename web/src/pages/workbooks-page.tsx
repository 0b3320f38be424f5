// Workbooks (notes 1c): a dashboard of KQL tiles over the Log Analytics-style query API, the same
// way Entra's workbooks query a workspace. Built-in tiles come first; users add their own KQL tiles,
// kept in this browser (localStorage).
import { useState } from 'react';
import { getJson, postJson } from '../api/http-client.ts';
import { INTERRUPT_CODES } from '../api/odata-filter.ts';
import { Chart } from '../charts/lazy-chart.tsx';
import { Empty, ErrorState, Loading } from '../ui/states.tsx';
import { RangePicker, useInsightRange } from '../ui/range-picker.tsx';
import { useAsync } from '../ui/use-async.ts';
import { tileOption, type KqlTable, type TileKind } from './tile-charts.ts';

export interface Tile { readonly title: string; readonly query: string; readonly kind: TileKind }

// Success and the expected interruptions (MFA prompt, keep me signed in): the sign-in log shows
// those as "Interrupted", so the failure tiles leave them out too and agree with its Failure filter.
const NOT_FAILURES = ['0', ...INTERRUPT_CODES.map(String)].map((c) => `"${c}"`).join(',');

const BUILT_IN: Tile[] = [
  { title: 'Sign-ins over time', kind: 'line', query: `SigninLogs | summarize Total = count(), Failures = countif(ResultType !in (${NOT_FAILURES})) by bin(TimeGenerated, 1h) | order by TimeGenerated asc` },
  { title: 'Sign-ins by location', kind: 'map', query: 'SigninLogs | extend City = tostring(LocationDetails.city), Lat = todouble(LocationDetails.geoCoordinates.latitude), Lon = todouble(LocationDetails.geoCoordinates.longitude) | where isnotnull(Lat) | summarize SignIns = count() by City, Lat, Lon' },
  { title: 'Failures by error code', kind: 'bar', query: `SigninLogs | where ResultType !in (${NOT_FAILURES}) | summarize Failures = count() by ResultType | top 10 by Failures` },
  { title: 'Top applications', kind: 'bar', query: 'SigninLogs | summarize SignIns = count() by AppDisplayName | top 10 by SignIns' },
  { title: 'Browsers', kind: 'pie', query: 'SigninLogs | extend Browser = tostring(DeviceDetail.browser) | where Browser != "" | summarize SignIns = count() by Browser | top 8 by SignIns' },
  { title: 'Operating systems', kind: 'pie', query: 'SigninLogs | extend OS = tostring(DeviceDetail.operatingSystem) | where OS != "" | summarize SignIns = count() by OS | top 8 by SignIns' },
];

const SAVED_KEY = 'idtrail.workbook.tiles';
const loadSaved = (): Tile[] => {
  try {
    return JSON.parse(localStorage.getItem(SAVED_KEY) ?? '[]') as Tile[];
  } catch {
    return [];
  }
};

interface WhoAmI { tenantId: string }

function TileCard({ tile, workspace, timespan, onRemove }: { tile: Tile; workspace: string; timespan: string; onRemove?: () => void }) {
  const st = useAsync(`${workspace}|${timespan}|${tile.query}`, (s) => postJson<{ tables: KqlTable[] }>(`/v1/workspaces/${encodeURIComponent(workspace)}/query`, { query: tile.query, timespan }, s));
  const table = st.data?.tables[0];
  return (
    <figure data-state={st.loading ? 'loading' : st.error ? 'error' : table && table.rows.length ? 'data' : 'empty'} className={`card tile${tile.kind === 'map' || tile.kind === 'line' ? ' wide' : ''}`} data-tile={tile.title}>
      <figcaption>
        {tile.title}
        {onRemove && <button type="button" className="link-btn" onClick={onRemove} aria-label={`Remove tile ${tile.title}`}>Remove</button>}
      </figcaption>
      {st.loading ? <Loading /> : st.error ? <ErrorState error={st.error} what={`"${tile.title}"`} /> : !table || table.rows.length === 0 ? <Empty>No rows.</Empty> : (
        <Chart world={tile.kind === 'map'} height={tile.kind === 'map' ? 420 : 260} label={`${tile.title}: ${table.rows.length} rows`} option={tileOption(tile.kind, table)} />
      )}
      <details><summary>KQL</summary><pre className="mono">{tile.query}</pre></details>
    </figure>
  );
}

function AddTile({ onAdd }: { onAdd: (t: Tile) => void }) {
  const [open, setOpen] = useState(false);
  if (!open) return <button type="button" onClick={() => setOpen(true)}>Add KQL tile</button>;
  return (
    <form
      className="card add-tile"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        onAdd({ title: String(f.get('title') || 'My tile'), query: String(f.get('query') ?? ''), kind: String(f.get('kind')) as TileKind });
        setOpen(false);
      }}
    >
      <label htmlFor="tile-title">Title</label>
      <input id="tile-title" name="title" required />
      <label htmlFor="tile-query">KQL query</label>
      <textarea id="tile-query" name="query" rows={4} required defaultValue="SigninLogs | summarize count() by ClientAppUsed" className="mono" />
      <label htmlFor="tile-kind">Visualization</label>
      <select id="tile-kind" name="kind" defaultValue="bar">
        {(['table', 'bar', 'line', 'pie', 'map'] as const).map((k) => <option key={k} value={k}>{k}</option>)}
      </select>
      <div><button type="submit">Save tile</button> <button type="button" onClick={() => setOpen(false)}>Cancel</button></div>
    </form>
  );
}

export default function WorkbooksPage() {
  const { range, days, setRange } = useInsightRange('7d');
  const who = useAsync('whoami', (s) => getJson<WhoAmI>('/idtrail/whoami', s));
  const [saved, setSaved] = useState<Tile[]>(loadSaved);
  const store = (tiles: Tile[]) => {
    setSaved(tiles);
    localStorage.setItem(SAVED_KEY, JSON.stringify(tiles));
  };
  const timespan = `P${days}D`;
  return (
    <div className="page">
      <header className="page-head">
        <h1>Workbooks · Sign-ins overview</h1>
        <div className="toolbar"><RangePicker range={range} setRange={setRange} /><AddTile onAdd={(t) => store([...saved, t])} /></div>
      </header>
      {who.loading ? <Loading /> : who.error ? <ErrorState error={who.error} what="The workspace" /> : (
        <div className="tiles">
          {[...BUILT_IN, ...saved].map((t, i) => (
            <TileCard key={`${i}-${t.title}`} tile={t} workspace={who.data!.tenantId} timespan={timespan} {...(i >= BUILT_IN.length ? { onRemove: () => store(saved.filter((_, j) => j !== i - BUILT_IN.length)) } : {})} />
          ))}
        </div>
      )}
    </div>
  );
}
