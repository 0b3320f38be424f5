// Turns a Log Analytics result table into an ECharts option. Convention, as in Azure workbooks:
// the first string/datetime column is the category (or time) axis, numeric columns are series;
// a map tile needs Lat/Lon columns and one count.
import type { EChartsOption } from 'echarts';

export type TileKind = 'table' | 'bar' | 'line' | 'pie' | 'map';

export interface KqlTable {
  readonly name: string;
  readonly columns: readonly { readonly name: string; readonly type: string }[];
  readonly rows: readonly (readonly unknown[])[];
}

const NUMERIC = new Set(['long', 'int', 'real', 'double', 'decimal']);

export function tileOption(kind: TileKind, t: KqlTable): EChartsOption {
  const numIdx = t.columns.map((c, i) => (NUMERIC.has(c.type) ? i : -1)).filter((i) => i >= 0);
  const catIdx = t.columns.findIndex((c) => !NUMERIC.has(c.type));
  const cat = (r: readonly unknown[]) => (catIdx >= 0 ? String(r[catIdx] ?? '(empty)') : '');
  switch (kind) {
    case 'map': {
      const find = (n: string) => t.columns.findIndex((c) => c.name.toLowerCase() === n);
      const [lat, lon] = [find('lat'), find('lon')];
      const val = numIdx.find((i) => i !== lat && i !== lon) ?? -1;
      const max = Math.max(1, ...t.rows.map((r) => Number(r[val] ?? 1)));
      return {
        tooltip: { trigger: 'item', formatter: (p: unknown) => { const d = p as { name: string; value: number[] }; return `${d.name}: ${d.value[2]}`; } },
        geo: { map: 'world', roam: true, top: 8, bottom: 8, itemStyle: { areaColor: '#e8edf3', borderColor: '#a9b7c6' }, emphasis: { disabled: true } },
        series: [{
          type: 'scatter', coordinateSystem: 'geo',
          data: t.rows.map((r) => ({ name: cat(r), value: [Number(r[lon]), Number(r[lat]), Number(r[val] ?? 1)] })),
          symbolSize: (v: number[]) => 6 + 24 * Math.sqrt((v[2] ?? 1) / max),
          itemStyle: { color: 'rgba(0,120,212,0.7)' },
        }],
      };
    }
    case 'pie': {
      // A legend list beside the ring, each entry with its share: outside labels of small slices
      // (two browsers at 5 %) landed on top of each other.
      const data = t.rows.map((r) => ({ name: cat(r), value: Number(r[numIdx[0] ?? 0]) }));
      const total = data.reduce((a, d) => a + d.value, 0) || 1;
      const share = new Map(data.map((d) => [d.name, `${((d.value / total) * 100).toFixed(1)}%`]));
      return {
        tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
        legend: { type: 'scroll', orient: 'vertical', left: '55%', top: 'middle', formatter: (n: string) => `${n}  ${share.get(n) ?? ''}` },
        series: [{ type: 'pie', center: ['28%', '50%'], radius: ['38%', '72%'], label: { show: false }, data }],
      };
    }
    case 'line':
    case 'bar': {
      const time = catIdx >= 0 && t.columns[catIdx]!.type === 'datetime';
      return {
        tooltip: { trigger: 'axis' }, legend: numIdx.length > 1 ? { bottom: 0 } : { show: false },
        grid: { left: kind === 'bar' && !time ? 150 : 50, right: 20, top: 10, bottom: numIdx.length > 1 ? 50 : 30 },
        ...(kind === 'bar' && !time
          ? { yAxis: { type: 'category', inverse: true, data: t.rows.map(cat) }, xAxis: { type: 'value' } }
          : { xAxis: time ? { type: 'time' } : { type: 'category', data: t.rows.map(cat) }, yAxis: { type: 'value' } }),
        series: numIdx.map((i) => ({
          name: t.columns[i]!.name, type: kind, showSymbol: false,
          data: time ? t.rows.map((r) => [String(r[catIdx]), Number(r[i])]) : t.rows.map((r) => Number(r[i])),
        })),
      } as EChartsOption;
    }
    case 'table':
      // A table tile is drawn as a bar of its first numeric column, ECharts has no plain table.
      return tileOption('bar', t);
  }
}
