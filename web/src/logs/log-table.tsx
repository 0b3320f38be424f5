// The record grid: TanStack Table for the column model, TanStack Virtual so tens of thousands of
// loaded rows scroll smoothly. Only visible rows are in the DOM; the next page loads when the last
// rendered row comes within a screen of the end.
import { useEffect, useMemo, useRef } from 'react';
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef as TsColumn } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ColumnDef, LogRecord } from './log-view.ts';

const ROW_HEIGHT = 34;

export interface LogTableProps {
  readonly columns: readonly ColumnDef[];
  readonly rows: readonly LogRecord[];
  readonly selectedId: string | null;
  readonly onOpen: (r: LogRecord) => void;
  readonly hasMore: boolean;
  readonly loadMore: () => void;
  readonly label: string;
}

export function LogTable({ columns, rows, selectedId, onOpen, hasMore, loadMore, label }: LogTableProps) {
  const tsColumns = useMemo<TsColumn<LogRecord>[]>(
    () => columns.map((c) => ({ id: c.id, header: c.header, size: c.width ?? 160, accessorFn: (r) => c.value(r), cell: (ctx) => (c.render ? c.render(ctx.row.original) : c.value(ctx.row.original)) })),
    [columns],
  );
  const data = useMemo(() => [...rows], [rows]);
  const table = useReactTable({ data, columns: tsColumns, getCoreRowModel: getCoreRowModel(), getRowId: (r, i) => String(r['id'] ?? i) });
  const scroller = useRef<HTMLDivElement>(null);
  const virt = useVirtualizer({ count: data.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 20 });
  const items = virt.getVirtualItems();
  const lastIndex = items.length ? items[items.length - 1]!.index : -1;

  useEffect(() => {
    if (hasMore && lastIndex >= data.length - 30) loadMore();
  }, [lastIndex, data.length, hasMore, loadMore]);

  const totalWidth = table.getTotalSize();
  const tableRows = table.getRowModel().rows;

  // Arrow keys move between rows, Enter opens: the grid is usable without a mouse.
  const focusRow = (i: number) => {
    const idx = Math.max(0, Math.min(data.length - 1, i));
    virt.scrollToIndex(idx);
    requestAnimationFrame(() => scroller.current?.querySelector<HTMLElement>(`[data-index="${idx}"]`)?.focus());
  };

  return (
    <div className="grid-scroll" ref={scroller} role="grid" aria-label={label} aria-rowcount={data.length + 1}>
      <div className="grid-head" role="row" style={{ width: totalWidth }}>
        {table.getHeaderGroups()[0]!.headers.map((h) => (
          <div key={h.id} role="columnheader" className="cell" style={{ width: h.getSize() }}>
            {flexRender(h.column.columnDef.header, h.getContext())}
          </div>
        ))}
      </div>
      <div style={{ height: virt.getTotalSize(), width: totalWidth, position: 'relative' }}>
        {items.map((vi) => {
          const row = tableRows[vi.index]!;
          const selected = row.id === selectedId;
          return (
            <div
              key={row.id}
              role="row"
              data-index={vi.index}
              data-id={row.id}
              aria-rowindex={vi.index + 2}
              aria-selected={selected}
              tabIndex={selected || (selectedId === null && vi.index === 0) ? 0 : -1}
              className={`grid-row${selected ? ' selected' : ''}${vi.index % 2 ? ' odd' : ''}`}
              style={{ transform: `translateY(${vi.start}px)`, height: ROW_HEIGHT }}
              onClick={() => onOpen(row.original)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault();
                  onOpen(row.original);
                } else if (e.key === 'ArrowDown') {
                  e.preventDefault();
                  focusRow(vi.index + 1);
                } else if (e.key === 'ArrowUp') {
                  e.preventDefault();
                  focusRow(vi.index - 1);
                }
              }}
            >
              {row.getVisibleCells().map((cell) => (
                <div key={cell.id} role="gridcell" className="cell" style={{ width: cell.column.getSize() }} title={String(cell.getValue() ?? '')}>
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </div>
              ))}
            </div>
          );
        })}
      </div>
    </div>
  );
}
