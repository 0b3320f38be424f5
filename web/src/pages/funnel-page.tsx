// The sign-up funnel: per-stage funnel with drop-off, local vs social comparison, daily trend.
// Data comes from the funnel report (`/idtrail/reports/signUpFunnel`).
import { getJson } from '../api/http-client.ts';
import { Chart } from '../charts/lazy-chart.tsx';
import { ErrorState, Loading, Empty } from '../ui/states.tsx';
import { RangePicker, useInsightRange } from '../ui/range-picker.tsx';
import { useAsync } from '../ui/use-async.ts';
import type { FunnelAnswer, StageRow } from './funnel-types.ts';

/** The server computes the funnel; a server without the report shows the "not available" state. */
const loadFunnel = (from: string, to: string, signal: AbortSignal): Promise<FunnelAnswer> =>
  getJson<FunnelAnswer>(`/idtrail/reports/signUpFunnel?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, signal);

const label = (stage: string) => stage.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase());

function StageFunnel({ title, rows }: { title: string; rows: StageRow[] }) {
  if (rows.length === 0) return <Empty>No {title.toLowerCase()} attempts.</Empty>;
  return (
    <figure className="card">
      <figcaption>{title}</figcaption>
      <Chart
        height={260}
        label={`${title}: ${rows.map((r) => `${label(r.stage)} ${r.entered} entered, ${r.dropOffPercent}% dropped`).join('; ')}`}
        option={{
          tooltip: { trigger: 'item', formatter: '{b}: {c} entered' },
          series: [{
            // Labels on two lines to the right: long stage names ("Attribute Collection And
            // Validation") were cut off by the card edge on one line at laptop widths.
            type: 'funnel', sort: 'none', left: '2%', width: '46%', top: 8, bottom: 8, minSize: '12%', gap: 3,
            label: { position: 'right', color: '#1b1f24', lineHeight: 16, formatter: (p: { name: string; value?: unknown; dataIndex: number }) => `${p.name}\n${String(p.value)} entered · ${rows[p.dataIndex]!.dropOffPercent}% left` },
            data: rows.map((r) => ({ name: label(r.stage), value: r.entered })),
          }],
        }}
      />
    </figure>
  );
}

export default function FunnelPage() {
  const { range, from, to, setRange } = useInsightRange('30d');
  const st = useAsync(`${from}|${to}`, (s) => loadFunnel(from, to, s));
  const a = st.data;
  return (
    <div className="page">
      <header className="page-head">
        <h1>Sign-up funnel</h1>
        <div className="toolbar"><RangePicker range={range} setRange={setRange} /></div>
      </header>
      {st.loading ? <Loading /> : st.error ? <ErrorState error={st.error} what="The sign-up funnel" /> : !a || a.summary.attempts === 0 ? <Empty>No sign-up attempts in this range.</Empty> : (
        <>
          <div className="kpis">
            <div className="kpi"><span>Attempts</span><strong data-testid="attempts">{a.summary.attempts.toLocaleString('en-US')}</strong></div>
            <div className="kpi"><span>Completed</span><strong data-testid="completed">{a.summary.completed.toLocaleString('en-US')}</strong></div>
            <div className="kpi"><span>Conversion</span><strong data-testid="conversion">{(a.summary.conversion * 100).toFixed(1)}%</strong></div>
            <div className="kpi"><span>Highest drop-off</span><strong className="small">{a.summary.highestDropOffStage ? label(a.summary.highestDropOffStage) : '—'}</strong></div>
          </div>
          <div className="grid-2">
            <StageFunnel title="Local accounts (email)" rows={a.tables.stages.filter((r) => r.slice === 'local')} />
            <StageFunnel title="Social identity providers" rows={a.tables.stages.filter((r) => r.slice === 'social')} />
          </div>
          <div className="grid-2">
            <figure className="card">
              <figcaption>Conversion by provider: social vs local</figcaption>
              <Chart
                label="Conversion percent by slice"
                option={{
                  tooltip: { trigger: 'axis' }, grid: { left: 140, right: 30, top: 10, bottom: 30 },
                  xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
                  yAxis: { type: 'category', inverse: true, data: a.tables.slices.filter((s) => s.slice !== 'all').map((s) => s.slice) },
                  series: [{ type: 'bar', data: a.tables.slices.filter((s) => s.slice !== 'all').map((s) => s.conversionPercent), label: { show: true, position: 'right', formatter: '{c}%' } }],
                }}
              />
            </figure>
            <figure className="card">
              <figcaption>Daily trend</figcaption>
              <Chart
                label="Daily sign-up attempts, completions and conversion"
                option={{
                  tooltip: { trigger: 'axis' }, legend: { bottom: 0 }, grid: { left: 40, right: 50, top: 10, bottom: 50 },
                  xAxis: { type: 'category', data: a.tables.daily.map((d) => d.day) },
                  yAxis: [{ type: 'value' }, { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } }],
                  series: [
                    { name: 'Attempts', type: 'bar', data: a.tables.daily.map((d) => d.attempts) },
                    { name: 'Completed', type: 'bar', data: a.tables.daily.map((d) => d.completed) },
                    { name: 'Conversion %', type: 'line', yAxisIndex: 1, data: a.tables.daily.map((d) => d.conversionPercent) },
                  ],
                }}
              />
            </figure>
          </div>
          <table className="mini-table wide">
            <caption>Stages: entered, left and drop-off</caption>
            <thead><tr><th>Slice</th><th>Stage</th><th>Entered</th><th>Left here</th><th>Drop-off</th></tr></thead>
            <tbody>
              {a.tables.stages.map((r) => (
                <tr key={`${r.slice}-${r.stage}`}><td>{r.slice}</td><td>{label(r.stage)}</td><td>{r.entered}</td><td>{r.left}</td><td>{r.dropOffPercent}%</td></tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
