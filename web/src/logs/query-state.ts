// The URL is the state of a log page: tab, date range, every filter, the chosen columns and the
// open record, so any view can be bookmarked or pasted to a colleague.
import { joinClauses, timeRangeClauses } from '../api/odata-filter.ts';
import type { LogView } from './log-view.ts';

export const RANGE_PRESETS = [
  { value: '1h', label: 'Last hour', ms: 3_600_000 },
  { value: '24h', label: 'Last 24 hours', ms: 86_400_000 },
  { value: '7d', label: 'Last 7 days', ms: 7 * 86_400_000 },
  { value: '30d', label: 'Last 30 days', ms: 30 * 86_400_000 },
  { value: 'all', label: 'All time', ms: 0 },
  { value: 'custom', label: 'Custom…', ms: 0 },
] as const;

export const DEFAULT_RANGE = '7d';

/** Seconds precision keeps the URL readable and every filter literal valid. */
const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export function resolveRange(params: URLSearchParams, now = Date.now()): { from: string | null; to: string | null } {
  const range = params.get('range') ?? DEFAULT_RANGE;
  if (range === 'custom') {
    const from = params.get('from');
    const to = params.get('to');
    const ok = (v: string | null) => (v && !Number.isNaN(Date.parse(v)) ? iso(Date.parse(v)) : null);
    return { from: ok(from), to: ok(to) };
  }
  const preset = RANGE_PRESETS.find((p) => p.value === range);
  if (!preset || preset.ms === 0) return { from: null, to: null };
  return { from: iso(now - preset.ms), to: null };
}

export function activeTab(view: LogView, params: URLSearchParams): string {
  const t = params.get('tab');
  return view.tabs?.find((x) => x.id === t)?.id ?? view.tabs?.[0]?.id ?? '';
}

export function buildFilter(view: LogView, params: URLSearchParams, now?: number): string {
  const tab = activeTab(view, params);
  const { from, to } = resolveRange(params, now);
  return joinClauses([
    view.tabs?.find((x) => x.id === tab)?.clause ?? null,
    ...timeRangeClauses(view.timeField, from, to),
    ...view.filters.map((f) => {
      const v = params.get(f.key);
      return v && v.trim() ? f.clause(v.trim(), tab) : null;
    }),
  ]);
}

/**
 * `select`: the top-level properties to fetch. Full sign-in records are ~6 KB each; the grid needs a
 * few hundred bytes of them, so lists ask for their columns only and the detail pane fetches the
 * whole record by id.
 */
export function listUrl(view: LogView, filter: string, top: number, count: boolean, select?: readonly string[]): string {
  const q = new URLSearchParams();
  q.set('$top', String(top));
  if (select?.length) q.set('$select', [...new Set(['id', view.timeField, ...select])].join(','));
  if (filter) q.set('$filter', filter);
  if (count) q.set('$count', 'true');
  return `/beta/auditLogs/${view.collection}?${q.toString().replace(/%24/g, '$')}`;
}

export function visibleColumns(view: LogView, params: URLSearchParams): string[] {
  const cols = params.get('cols');
  if (cols) {
    const known = new Set(view.columns.map((c) => c.id));
    const picked = cols.split(',').filter((c) => known.has(c));
    if (picked.length) return picked;
  }
  const tab = view.tabs?.find((t) => t.id === activeTab(view, params));
  return [...(tab?.defaultColumns ?? view.columns.filter((c) => c.default).map((c) => c.id))];
}
