// Choose the table's columns; the choice lives in the URL (`cols`) so shared links keep it.
import { useEffect, useRef, useState } from 'react';
import type { ColumnDef } from './log-view.ts';

export function ColumnPicker({ columns, visible, onChange }: { columns: readonly ColumnDef[]; visible: readonly string[]; onChange: (ids: string[]) => void }) {
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);
  const toggle = (id: string) => {
    const set = new Set(visible);
    if (set.has(id)) set.delete(id);
    else set.add(id);
    // Keep the catalogue order so columns do not jump around as they are ticked.
    const next = columns.map((c) => c.id).filter((c) => set.has(c));
    if (next.length) onChange(next);
  };
  return (
    <div className="picker" ref={box} onKeyDown={(e) => { if (e.key === 'Escape') setOpen(false); }}>
      <button type="button" aria-expanded={open} aria-haspopup="true" onClick={() => setOpen((o) => !o)}>Columns</button>
      {open && (
        <fieldset className="picker-menu">
          <legend className="sr-only">Columns</legend>
          {columns.map((c) => (
            <label key={c.id}>
              <input type="checkbox" checked={visible.includes(c.id)} onChange={() => toggle(c.id)} /> {c.header}
            </label>
          ))}
        </fieldset>
      )}
    </div>
  );
}
