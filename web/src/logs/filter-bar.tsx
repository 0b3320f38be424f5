// Date range plus one control per filter. Text boxes apply on Enter or when focus leaves, so typing
// a UPN does not fire a query per keystroke.
import { useEffect, useState } from 'react';
import { DEFAULT_RANGE, RANGE_PRESETS } from './query-state.ts';
import type { FilterDef } from './log-view.ts';

type Setter = (changes: Record<string, string | null>) => void;

function TextFilter({ def, value, set }: { def: FilterDef; value: string; set: Setter }) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const apply = () => {
    if (draft.trim() !== value) set({ [def.key]: draft.trim() || null });
  };
  return (
    <input
      id={`f-${def.key}`}
      type="search"
      value={draft}
      placeholder={def.placeholder ?? ''}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={apply}
      onKeyDown={(e) => {
        if (e.key === 'Enter') apply();
      }}
    />
  );
}

/** datetime-local works in local time; the URL keeps UTC ISO instants. */
const toLocalInput = (iso: string | null): string => {
  if (!iso || Number.isNaN(Date.parse(iso))) return '';
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};
const fromLocalInput = (v: string): string | null => (v ? new Date(v).toISOString().replace(/\.\d{3}Z$/, 'Z') : null);

export function FilterBar({ filters, tab, params, set }: { filters: readonly FilterDef[]; tab: string; params: URLSearchParams; set: Setter }) {
  const range = params.get('range') ?? DEFAULT_RANGE;
  const any = filters.some((f) => params.get(f.key)) || params.has('range');
  return (
    <form className="filter-bar" role="search" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
      <div className="filter">
        <label htmlFor="f-range">Date</label>
        <select id="f-range" value={range} onChange={(e) => set({ range: e.target.value === DEFAULT_RANGE ? null : e.target.value })}>
          {RANGE_PRESETS.map((p) => <option key={p.value} value={p.value}>{p.label}</option>)}
        </select>
      </div>
      {range === 'custom' && (
        <>
          <div className="filter">
            <label htmlFor="f-from">From</label>
            <input id="f-from" type="datetime-local" value={toLocalInput(params.get('from'))} onChange={(e) => set({ from: fromLocalInput(e.target.value) })} />
          </div>
          <div className="filter">
            <label htmlFor="f-to">To</label>
            <input id="f-to" type="datetime-local" value={toLocalInput(params.get('to'))} onChange={(e) => set({ to: fromLocalInput(e.target.value) })} />
          </div>
        </>
      )}
      {filters.map((def) => ({ ...def, ...def.forTab?.(tab) })).map((f) => (
        <div className="filter" key={f.key}>
          <label htmlFor={`f-${f.key}`}>{f.label}</label>
          {f.kind === 'select' ? (
            <select id={`f-${f.key}`} value={params.get(f.key) ?? ''} onChange={(e) => set({ [f.key]: e.target.value || null })}>
              <option value="">All</option>
              {f.options?.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
            </select>
          ) : (
            <TextFilter def={f} value={params.get(f.key) ?? ''} set={set} />
          )}
        </div>
      ))}
      {any && (
        <button type="button" className="link-btn" onClick={() => set({ range: null, from: null, to: null, ...Object.fromEntries(filters.map((f) => [f.key, null])) })}>
          Reset filters
        </button>
      )}
    </form>
  );
}
