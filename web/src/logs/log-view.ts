// What a log page needs to know about one log kind: where it lives in the Graph API, its columns,
// its filters and its detail tabs. A new log page is an added LogView, not a new component.
import type { ReactNode } from 'react';

export type LogRecord = Record<string, unknown>;

/** Read a Graph property path such as `status/errorCode`. */
export function pick(rec: LogRecord, path: string): unknown {
  let cur: unknown = rec;
  for (const seg of path.split('/')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}

export interface ColumnDef {
  readonly id: string;
  readonly header: string;
  /** The value used for display text and for CSV export. */
  readonly value: (r: LogRecord) => string;
  readonly render?: (r: LogRecord) => ReactNode;
  readonly width?: number;
  /** Shown before the user picks columns. */
  readonly default?: boolean;
  /** Top-level properties the column reads: the list asks only for these (`$select`). */
  readonly fields: readonly string[];
}

export interface FilterDef {
  readonly key: string;
  readonly label: string;
  /** Label and placeholder for tabs where the box filters on something else (workload tabs name the principal). */
  readonly forTab?: (tab: string) => { readonly label: string; readonly placeholder?: string } | undefined;
  readonly kind: 'text' | 'select';
  readonly options?: readonly { readonly value: string; readonly label: string }[];
  readonly placeholder?: string;
  /** The `$filter` clause for a non-empty value; null adds nothing. */
  readonly clause: (value: string, tab: string) => string | null;
}

export interface LogTab {
  readonly id: string;
  readonly label: string;
  /** Scope clause (e.g. `signInEventTypes/any(...)`); null means the collection's default scope. */
  readonly clause: string | null;
  /** Columns that replace the defaults on this tab (service principals have no user). */
  readonly defaultColumns?: readonly string[];
}

export interface DetailTab {
  readonly id: string;
  readonly label: string;
  readonly render: (r: LogRecord) => ReactNode;
}

export interface LogView {
  /** Route segment, e.g. `sign-ins`. */
  readonly route: string;
  readonly title: string;
  readonly collection: string;
  readonly timeField: string;
  readonly tabs?: readonly LogTab[];
  readonly columns: readonly ColumnDef[];
  readonly filters: readonly FilterDef[];
  readonly detailTitle: (r: LogRecord) => string;
  readonly detailTabs: readonly DetailTab[];
}

export const text = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(text).join(', ');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
};

/** A column that shows one property path as text. */
export const col = (id: string, header: string, opts: Partial<Omit<ColumnDef, 'id' | 'header'>> & { path?: string } = {}): ColumnDef => ({
  id,
  header,
  fields: opts.fields ?? [(opts.path ?? id).split('/')[0]!],
  value: opts.value ?? ((r) => text(pick(r, opts.path ?? id))),
  ...(opts.render ? { render: opts.render } : {}),
  ...(opts.width ? { width: opts.width } : {}),
  ...(opts.default ? { default: true } : {}),
});

/** Timestamps are shown and exported in UTC, as Entra's downloads are. */
export const utc = (v: unknown): string => (typeof v === 'string' ? v.replace('T', ' ').replace(/(\.\d{3})\d*/, '$1').replace(/Z$/, ' UTC') : '');
