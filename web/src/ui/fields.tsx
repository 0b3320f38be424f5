// A definition list of label/value pairs, the layout of every detail tab.
import type { ReactNode } from 'react';
import { CopyButton } from './copy-button.tsx';

export type FieldRow = readonly [label: string, value: ReactNode, copy?: boolean];

export function Fields({ rows }: { rows: readonly FieldRow[] }) {
  return (
    <dl className="fields">
      {rows.map(([label, value, copy]) => (
        <div className="field" key={label}>
          <dt>{label}</dt>
          <dd>
            <span className={copy ? 'mono' : undefined}>{value === null || value === undefined || value === '' ? <span className="muted">—</span> : value}</span>
            {copy && typeof value === 'string' && <CopyButton value={value} label={label} />}
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function Badge({ tone, children }: { tone: 'ok' | 'bad' | 'warn' | 'neutral'; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}
