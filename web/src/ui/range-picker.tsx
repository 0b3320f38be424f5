// The time range of an insights page, kept in the URL (`range`), as on the log pages.
import { useSearchParams } from 'react-router-dom';

export const INSIGHT_RANGES = [
  { value: '24h', label: 'Last 24 hours', days: 1 },
  { value: '7d', label: 'Last 7 days', days: 7 },
  { value: '30d', label: 'Last 30 days', days: 30 },
  { value: '90d', label: 'Last 90 days', days: 90 },
] as const;

export function useInsightRange(fallback = '30d'): { range: string; days: number; from: string; to: string; setRange: (v: string) => void } {
  const [params, setParams] = useSearchParams();
  const range = INSIGHT_RANGES.find((r) => r.value === params.get('range'))?.value ?? fallback;
  const days = INSIGHT_RANGES.find((r) => r.value === range)!.days;
  // Whole minutes keep the range (and so the load key) stable across re-renders.
  const now = Math.ceil(Date.now() / 60_000) * 60_000;
  return {
    range, days,
    from: new Date(now - days * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    to: new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    setRange: (v) => setParams((p) => { const n = new URLSearchParams(p); n.set('range', v); return n; }),
  };
}

export function RangePicker({ range, setRange }: { range: string; setRange: (v: string) => void }) {
  return (
    <div className="filter inline">
      <label htmlFor="insight-range">Range</label>
      <select id="insight-range" value={range} onChange={(e) => setRange(e.target.value)}>
        {INSIGHT_RANGES.map((r) => <option key={r.value} value={r.value}>{r.label}</option>)}
      </select>
    </div>
  );
}
