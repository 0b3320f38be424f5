// Bytes on disk per record, per kind, from DuckDB's own block map (a table's share of the file),
// after a CHECKPOINT so nothing sits in the WAL.
import { ALL_KINDS, LOG_KINDS } from '../src/model/index.ts';
import type { BenchContext } from './bench-context.ts';
import { round } from './bench-stats.ts';
import { le, type Figure } from './figures.ts';

export async function benchResources(ctx: BenchContext): Promise<Figure[]> {
  await ctx.store.checkpoint();
  const out: Figure[] = [];
  const blockSize = Number((await ctx.store.rawQuery(`SELECT block_size FROM pragma_database_size()`))[0]?.['block_size'] ?? 262_144);
  const st = await ctx.store.stats();
  let total = 0;
  for (const k of ALL_KINDS) {
    const n = st.kinds[k].records;
    if (!n) continue;
    const r = await ctx.store.rawQuery(`SELECT count(DISTINCT block_id) AS b FROM pragma_storage_info('${LOG_KINDS[k].table}') WHERE persistent`);
    const bytes = Number(r[0]?.['b'] ?? 0) * blockSize;
    total += n;
    out.push({
      section: 'resources', name: `${k}: bytes on disk per record`, unit: 'B/rec', value: round(bytes / n), better: 'lower',
      ...(k === 'signIns' ? { target: le(150), peer: ctx.peer?.bytesPerRecord ?? null } : {}), note: `${n.toLocaleString('en-US')} records, ${ctx.dataset.bytesPerRecord[k]} B NDJSON each; table blocks only`,
    });
  }
  if (st.bytesOnDisk) out.push({ section: 'resources', name: 'database file per record (all kinds)', unit: 'B/rec', value: round(st.bytesOnDisk / total), better: 'lower', note: `${Math.round(st.bytesOnDisk / 2 ** 20)} MiB file` });
  return out;
}
