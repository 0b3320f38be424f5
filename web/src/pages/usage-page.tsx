// Usage & insights (notes 1a): application activity, authentication methods, service principal
// and credential activity, each from its Graph `/beta/reports` resource. Every section loads on
// its own, so one missing report does not blank the page.
import type { ReactNode } from 'react';
import { forEachPage, getJson, type GraphPage } from '../api/http-client.ts';
import { Chart } from '../charts/lazy-chart.tsx';
import { utc } from '../logs/log-view.ts';
import { Empty, ErrorState, Loading } from '../ui/states.tsx';
import { RangePicker, useInsightRange } from '../ui/range-picker.tsx';
import { useAsync } from '../ui/use-async.ts';

type Row = Record<string, unknown>;
const rowsOf = (url: string) => (s: AbortSignal) => getJson<GraphPage<Row>>(url, s).then((p) => p.value);
/** Every page of a report: the detailed summary has one row per app, day and status code. */
const allRows = (url: string) => async (s: AbortSignal) => {
  const out: Row[] = [];
  await forEachPage<Row>(url, (rows) => void out.push(...rows), s);
  return out;
};
/** Keep rows from `from` on: these reports answer a fixed 30 days and take no time `$filter`. */
const since = (rows: Row[], field: string, from: string) => rows.filter((r) => String(r[field] ?? '') >= from.slice(0, 10));
const orDash = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : String(v));
const utcOrDash = (v: unknown) => (typeof v === 'string' ? utc(v) : '—');
const get = (r: Row, path: string): unknown => path.split('/').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Row)[k] : undefined), r);

function Section({ title, url, render, load, id }: { title: string; url: string; render: (rows: Row[]) => ReactNode; load?: (s: AbortSignal) => Promise<Row[]>; id?: string }) {
  const st = useAsync(url, load ?? rowsOf(url));
  return (
    <section className="card" data-section={id ?? title.toLowerCase().replace(/\W+/g, '-')} data-state={st.loading ? 'loading' : st.error ? 'error' : 'done'} aria-labelledby={`h-${title}`}>
      <h2 id={`h-${title}`}>{title}</h2>
      {st.loading ? <Loading /> : st.error ? <ErrorState error={st.error} what={title} /> : st.data!.length === 0 ? <Empty>No activity in this range.</Empty> : render(st.data!)}
    </section>
  );
}

function Table({ rows, cols, max = 15 }: { rows: Row[]; cols: [string, string, ((v: unknown) => string)?][]; max?: number }) {
  return (
    <table className="mini-table wide">
      <thead><tr>{cols.map(([, h]) => <th key={h}>{h}</th>)}</tr></thead>
      <tbody>
        {rows.slice(0, max).map((r, i) => (
          <tr key={i} data-row={String(r['appDisplayName'] ?? r['id'] ?? i)}>{cols.map(([p, h, f]) => <td key={h} data-col={p}>{f ? f(get(r, p)) : orDash(get(r, p))}</td>)}</tr>
        ))}
      </tbody>
    </table>
  );
}

/** `microsoftAuthenticatorPush` → `Microsoft authenticator push`; acronyms as the portal writes them. */
const ACRONYMS: Record<string, string> = { sms: 'SMS', smsSignIn: 'SMS sign-in', fido2SecurityKey: 'FIDO2 security key', oneTimePasscode: 'One-time passcode', softwareOneTimePasscode: 'Software one-time passcode' };
const methodLabel = (m: string) => ACRONYMS[m] ?? m.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().replace(/^./, (c) => c.toUpperCase());

const period = (days: number) => (days <= 1 ? 'D1' : days <= 7 ? 'D7' : 'D30');

export default function UsagePage() {
  const { range, days, from, setRange } = useInsightRange('7d');
  const p = period(days);
  return (
    <div className="page">
      <header className="page-head">
        <h1>Usage &amp; insights</h1>
        <div className="toolbar"><RangePicker range={range} setRange={setRange} /></div>
      </header>
      <div className="grid-2">
        <Section
          title="Application activity"
          id="app-activity"
          url={`/beta/reports/getAzureADApplicationSignInSummary(period='${p}')`}
          render={(rows) => (
            <Table
              rows={[...rows].sort((a, b) => Number(b['successfulSignInCount']) + Number(b['failedSignInCount']) - Number(a['successfulSignInCount']) - Number(a['failedSignInCount']))}
              cols={[['appDisplayName', 'Application'], ['successfulSignInCount', 'Successful'], ['failedSignInCount', 'Failed'], ['successPercentage', 'Success %', (v) => `${Number(v).toFixed(1)}%`]]}
            />
          )}
        />
        <Section
          title="Sign-ins over time (interactive)"
          url={`/beta/reports/applicationSignInDetailedSummary?from=${from}`}
          load={(sig) => allRows('/beta/reports/applicationSignInDetailedSummary')(sig).then((rows) => since(rows, 'aggregatedEventDateTime', from))}
          render={(rows) => {
            const days = [...new Set(rows.map((r) => String(r['aggregatedEventDateTime']).slice(0, 10)))].sort();
            const sum = (ok: boolean) => days.map((d) => rows.filter((r) => String(r['aggregatedEventDateTime']).startsWith(d) && (Number(get(r, 'status/errorCode')) === 0) === ok).reduce((s, r) => s + Number(r['signInCount']), 0));
            return (
              <Chart
                label="Successful and failed interactive sign-ins per day"
                option={{
                  tooltip: { trigger: 'axis' }, legend: { bottom: 0 }, grid: { left: 50, right: 20, top: 10, bottom: 50 },
                  xAxis: { type: 'category', data: days }, yAxis: { type: 'value' },
                  series: [{ name: 'Success', type: 'bar', stack: 's', data: sum(true), color: '#107c10' }, { name: 'Failure', type: 'bar', stack: 's', data: sum(false), color: '#d13438' }],
                }}
              />
            );
          }}
        />
        <Section
          title="Authentication methods used"
          url={`/beta/reports/authenticationMethods/userSignInsByAuthMethodSummary(period='${p.toLowerCase()}')`}
          // Graph lists every method, unused ones with 0; the chart shows the ones in use.
          load={(sig) => rowsOf(`/beta/reports/authenticationMethods/userSignInsByAuthMethodSummary(period='${p.toLowerCase()}')`)(sig).then((rows) => rows.filter((r) => Number(r['successActivityCount']) > 0).sort((a, b) => Number(b['successActivityCount']) - Number(a['successActivityCount'])))}
          render={(rows) => (
            <Chart
              label="Successful sign-ins per authentication method"
              option={{
                tooltip: { trigger: 'item' }, grid: { left: 160, right: 30, top: 10, bottom: 30 },
                xAxis: { type: 'value' }, yAxis: { type: 'category', inverse: true, data: rows.map((r) => methodLabel(String(r['authenticationMethod']))) },
                series: [{ type: 'bar', data: rows.map((r) => Number(r['successActivityCount'] ?? 0)), label: { show: true, position: 'right' } }],
              }}
            />
          )}
        />
        <Section
          title="Single- vs multi-factor sign-ins"
          url={`/beta/reports/authenticationMethods/userMfaSignInSummary?from=${from}`}
          load={(sig) => rowsOf('/beta/reports/authenticationMethods/userMfaSignInSummary')(sig).then((rows) => since(rows, 'createdDateTime', from))}
          render={(rows) => (
            <Chart
              label="Interactive sign-ins per day by authentication requirement"
              option={{
                tooltip: { trigger: 'axis' }, legend: { bottom: 0 }, grid: { left: 50, right: 20, top: 10, bottom: 50 },
                xAxis: { type: 'category', data: rows.map((r) => String(r['createdDateTime'] ?? r['id']).slice(0, 10)) }, yAxis: { type: 'value' },
                series: [
                  { name: 'Single factor', type: 'line', data: rows.map((r) => Number(r['singleFactorSignIns'] ?? 0)) },
                  { name: 'Multi-factor', type: 'line', data: rows.map((r) => Number(r['multiFactorSignIns'] ?? 0)) },
                ],
              }}
            />
          )}
        />
        <Section
          title="Service principal sign-in activity"
          url="/beta/reports/servicePrincipalSignInActivities?$top=50"
          render={(rows) => (
            <Table rows={[...rows].sort((a, b) => String(get(b, 'lastSignInActivity/lastSignInDateTime') ?? '').localeCompare(String(get(a, 'lastSignInActivity/lastSignInDateTime') ?? '')))} cols={[['appId', 'App ID'], ['lastSignInActivity/lastSignInDateTime', 'Last sign-in', utcOrDash], ['applicationAuthenticationClientSignInActivity/lastSignInDateTime', 'Last app-only (client)', utcOrDash], ['delegatedResourceSignInActivity/lastSignInDateTime', 'Last delegated (resource)', utcOrDash]]} />
          )}
        />
        <Section
          title="Application credential activity"
          url="/beta/reports/appCredentialSignInActivities?$top=50"
          render={(rows) => (
            // Origin and expiry live on directory objects the logs do not carry (always null here), so
            // the table shows what the sign-ins do tell: which app used the key, against what resource.
            <Table rows={rows} cols={[['keyId', 'Key ID'], ['keyType', 'Type'], ['appId', 'App ID'], ['resourceId', 'Resource ID'], ['signInActivity/lastSignInDateTime', 'Last used', utcOrDash]]} />
          )}
        />
      </div>
    </div>
  );
}
