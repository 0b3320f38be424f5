// The record's detail pane: a tab list with arrow-key navigation (WAI-ARIA tabs pattern), closed
// with Escape. The open record and tab are in the URL so a link opens the same view.
import { useEffect, useRef } from 'react';
import type { DetailTab, LogRecord } from './log-view.ts';

export interface DetailPaneProps {
  readonly title: string;
  readonly record: LogRecord;
  readonly tabs: readonly DetailTab[];
  readonly activeTab: string | null;
  readonly onTab: (id: string) => void;
  readonly onClose: () => void;
}

export function DetailPane({ title, record, tabs, activeTab, onTab, onClose }: DetailPaneProps) {
  const active = tabs.find((t) => t.id === activeTab) ?? tabs[0]!;
  const list = useRef<HTMLDivElement>(null);
  const closeBtn = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    closeBtn.current?.focus({ preventScroll: true });
  }, [record]);
  const move = (delta: number) => {
    const i = tabs.indexOf(active);
    const next = tabs[(i + delta + tabs.length) % tabs.length]!;
    onTab(next.id);
    requestAnimationFrame(() => list.current?.querySelector<HTMLElement>(`#tab-${next.id}`)?.focus());
  };
  return (
    <aside className="detail" aria-label="Record details" onKeyDown={(e) => { if (e.key === 'Escape') onClose(); }}>
      <header className="detail-head">
        <h2>{title || 'Details'}</h2>
        <button type="button" ref={closeBtn} className="icon-btn" aria-label="Close details" onClick={onClose}>✕</button>
      </header>
      <div className="tabs" role="tablist" aria-label="Detail sections" ref={list}>
        {tabs.map((t) => (
          <button
            key={t.id}
            id={`tab-${t.id}`}
            role="tab"
            type="button"
            aria-selected={t === active}
            aria-controls={`panel-${t.id}`}
            tabIndex={t === active ? 0 : -1}
            onClick={() => onTab(t.id)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowRight') move(1);
              else if (e.key === 'ArrowLeft') move(-1);
            }}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div className="detail-body" role="tabpanel" id={`panel-${active.id}`} aria-labelledby={`tab-${active.id}`} tabIndex={0}>
        {active.render(record)}
      </div>
    </aside>
  );
}
