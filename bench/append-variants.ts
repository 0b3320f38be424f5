// Which parts of the DuckDB append cost what: variants of the store's INSERT on the same staged batches.
//   node --import tsx bench/append-variants.ts [records] [batch] [variants]
// Variant names combine flags: t1 (threads=1), pio (preserve_insertion_order=false), noret (no
// RETURNING), noanti (no dedupe anti-join: a floor, not a valid store), strip (explicit nulls removed
// from the staged NDJSON), readonly (read_json alone). Results of 2026-11-22 are in the perf commit.
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { LOG_KINDS, normalizeRecord } from '../src/model/index.ts';
import { createTableSql, readJsonColumnsArg, CHAIN_ANCHORS_SQL } from '../src/store/duckdb/duckdb-schema.ts';
import { idHash } from '../src/store/id-hash.ts';
const def = LOG_KINDS.signIns;
const N = Number(process.argv[2] ?? 10000), B = Number(process.argv[3] ?? 1000);
const variants = (process.argv[4] ?? 'base').split(',');
import { ensureDataset, lineBatches } from './dataset.ts';
const ds = await ensureDataset('quick', (s) => console.error(s));
const lines: string[] = [];
for await (const b of lineBatches(ds.file('signIns'), 5000, N)) lines.push(...b);
const staged = lines.map((l, i) => { const n = normalizeRecord(def.schema, JSON.parse(l)); const j = JSON.stringify(n.record); return `${j.slice(0, -1)},"_tenant":"t","_idh":${idHash(String(n.record.id))},"_extra":${n.extra ? JSON.stringify(n.extra) : 'null'},"_ord":${i % B}}`; });
const stripNulls = (s: string) => s.replace(/,"[^"\\]*":null(?=[,}])/g, '').replace(/\{"[^"\\]*":null,/g, '{');
const q = (n: string) => `"${n}"`;
// The store's staging columns no longer carry _ord (it assigns _seq in JS); this bench keeps the old statement.
// These experiments reproduce statements of the layout that stored an id-hash column (_idh, dropped
// since: the store hashes ids itself), so their table gets that column back.
// They also predate the sign-in kind mask, which their statements do not fill.
const OLD_IDH_COLUMN = 'ALTER TABLE sign_ins ADD COLUMN _idh BIGINT; ALTER TABLE sign_ins ALTER COLUMN _evmask DROP NOT NULL';
const colsArg = readJsonColumnsArg(def).replace(/\}$/, `, "_idh": 'BIGINT', "_ord": 'BIGINT'}`);
for (const v of variants) {
  const dir = mkdtempSync(join(tmpdir(), 'idtrail-append-'));
  const inst = await DuckDBInstance.create(join(dir, 'db.duckdb'), { threads: v.includes('t1') ? '1' : '2', memory_limit: '2GB' });
  const c = await inst.connect();
  await c.run(createTableSql(def)); await c.run(OLD_IDH_COLUMN); await c.run(CHAIN_ANCHORS_SQL);
  if (v.includes('pio')) await c.run('SET preserve_insertion_order = false');
  const cols = Object.keys(def.schema.fields).map(q);
  const t = q(def.table);
  let total = 0, cpu = 0, base = 0;
  for (let i = 0; i < staged.length; i += B) {
    let batch = staged.slice(i, i + B);
    const c0 = process.cpuUsage(); const t0 = performance.now();
    if (v.includes('strip')) batch = batch.map(stripNulls);
    const file = join(dir, `b${i}.ndjson`); writeFileSync(file, batch.join('\n') + '\n');
    const anti = v.includes('noanti') ? '' : `WHERE NOT EXISTS (SELECT 1 FROM ${t} AS e WHERE e._tenant = s._tenant AND e._idh = s._idh AND e.id = s.id) `;
    const ret = v.includes('noret') ? '' : 'RETURNING id, _seq';
    const sql = `INSERT INTO ${t} (_tenant, _seq, _idh, _ingested, _extra, ${cols.join(', ')}) SELECT s._tenant, $1 + row_number() OVER (ORDER BY s._ord), s._idh, now()::TIMESTAMP, s._extra, ${cols.map((x) => `s.${x}`).join(', ')} FROM read_json($2, format = 'newline_delimited', columns = ${colsArg}, maximum_object_size = 67108864) AS s ${anti}${ret}`;
    if (v.includes('readonly')) { await c.runAndReadAll(`SELECT count(*) FROM read_json($1, format = 'newline_delimited', columns = ${colsArg}, maximum_object_size = 67108864)`, [file]); }
    else {
      await c.run('BEGIN TRANSACTION');
      const r = await c.runAndReadAll(sql, [base, file]);
      if (!v.includes('noret')) r.getRowObjectsJson();
      await c.run("INSERT INTO _chain_anchors VALUES ('t', 'signIns', 1, 2, 'x', 'y', now()::TIMESTAMP)");
      await c.run('COMMIT');
    }
    base += batch.length; if (i === 0 || i + B >= staged.length) console.log(`  batch at ${i}: ${(performance.now() - t0).toFixed(0)} ms`);
    total += performance.now() - t0; const cu = process.cpuUsage(c0); cpu += cu.user + cu.system;
  }
  console.log(`${v.padEnd(24)} B=${B} wall ${(total * 1000 / staged.length).toFixed(1)} µs/rec  cpu ${(cpu / staged.length).toFixed(1)} µs/rec`);
  c.closeSync(); inst.closeSync(); rmSync(dir, { recursive: true, force: true });
}
