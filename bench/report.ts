// The terminal table and the JSON file. Ratios are printed as "× floor" and "× peer" of the
// figure's own value (for latencies, 2.0× means twice as slow; for rates, 0.5× means half as fast).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './dataset.ts';
import { targetText, verdict, type Figure } from './figures.ts';

const num = (v: number | null | undefined): string => {
  if (v === null || v === undefined || Number.isNaN(v)) return '–';
  if (Math.abs(v) >= 1000) return Math.round(v).toLocaleString('en-US');
  return String(Math.abs(v) >= 100 ? Math.round(v) : +v.toFixed(2));
};
const ratio = (a: number | null | undefined, b: number | null | undefined): string => (a == null || b == null || !b || Number.isNaN(a) ? '' : `${(a / b).toFixed(2)}×`);

export function printTable(figs: readonly Figure[], write: (s: string) => void = console.log): void {
  const head = ['figure', 'p50 / value', 'p99', 'unit', 'target', 'floor', '× floor', 'peer', '× peer', 'ok'];
  const rows = figs.map((f) => {
    const v = verdict(f);
    const tgt = [targetText(f.target, ''), f.p99Target ? `p99 ${targetText(f.p99Target, '')}` : '', f.floorRatioTarget ? `${targetText(f.floorRatioTarget, '')}×fl` : ''].filter(Boolean).join(', ');
    return [f.name, num(f.value), num(f.p99), f.unit, tgt, num(f.floor), ratio(f.value, f.floor), num(f.peer), ratio(f.value, f.peer), v === null ? '' : v ? 'met' : 'MISS'];
  });
  const widths = head.map((h, i) => Math.min(i === 0 ? 58 : 24, Math.max(h.length, ...rows.map((r) => r[i]!.length))));
  const fmt = (r: string[]) => r.map((c, i) => (i === 0 ? c.slice(0, widths[i]).padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  let section = '';
  write(fmt(head));
  for (let i = 0; i < figs.length; i++) {
    if (figs[i]!.section !== section) {
      section = figs[i]!.section;
      write(`── ${section} ${'─'.repeat(Math.max(0, widths.reduce((a, b) => a + b + 2, 0) - section.length - 4))}`);
    }
    write(fmt(rows[i]!));
    if (figs[i]!.note) write(`    ${figs[i]!.note}`);
  }
}

export function writeResults(meta: Record<string, unknown>, figs: readonly Figure[]): string {
  const dir = join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ ...meta, figures: figs.map((f) => ({ ...f, met: verdict(f) })) }, null, 2) + '\n');
  return file;
}
