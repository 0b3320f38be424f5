// Issue 2 hypotheses about the DuckDB append, each a variant of the store's INSERT on the same staged
// batches, timed per batch as the table grows (so costs that grow with the table, or spike at a
// checkpoint, show up as a rising or spiky column rather than vanishing into an average).
//   node --import tsx bench/append-experiments.ts [--records 40000] [--batch 1000] [--shape full|lean] [--variants base,wal1g,...]
// Variants (flags joined by '+'):
//   base        the store's statement as of main: read_json → anti-join on (_tenant,_idh,id) →
//               row_number() for _seq → RETURNING id,_seq, plus the anchor row, in one transaction
//   walX        SET wal_autocheckpoint = X (wal256m, wal1g); default is 16MB
//   plain       _seq written into the NDJSON by JS, no window, no anti-join, no RETURNING: what the
//               store can run once JS knows which records are new (the dedupe filter of hypothesis b)
//   probe       with plain: also run the duplicate probe (SELECT id … WHERE _idh IN (…)) for 1% of
//               the batch, the expected false-positive share of a 1%-error filter
//   mem         an in-memory database (no WAL, no checkpoint): the storage floor
//   noanti      base without the anti-join (not a valid store: a floor)
//   preN        fill the table with N synthetic rows first (copies of the first batch under new ids,
//               checkpointed): costs that grow with the stored table show at production sizes
//   ckpt        end with an explicit CHECKPOINT, timed into the total (what a bigger WAL defers)
//   replay      copy the database and its WAL before closing (as a kill -9 leaves them) and time
//               opening the copy, which replays the WAL: the restart cost of a bigger threshold
import { writeFileSync, mkdtempSync, rmSync, copyFileSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { LOG_KINDS, normalizeRecord, type JsonObject } from '../src/model/index.ts';
import { viewObject } from '../src/model/graph-view.ts';
import { createTableSql, readJsonColumnsArg, CHAIN_ANCHORS_SQL } from '../src/store/duckdb/duckdb-schema.ts';
import { idHash } from '../src/store/id-hash.ts';
import { ensureDataset, lineBatches } from './dataset.ts';

const { values: args } = parseArgs({
  options: {
    records: { type: 'string', default: '40000' },
    batch: { type: 'string', default: '1000' },
    shape: { type: 'string', default: 'full' },
    variants: { type: 'string', default: 'base,base+wal1g,plain,plain+probe,plain+wal1g' },
    threads: { type: 'string', default: '2' },
  },
});
const def = LOG_KINDS.signIns;
const N = Number(args.records);
const B = Number(args.batch);
const ds = await ensureDataset('quick', (s) => console.error(s));
const raw: string[] = [];
for await (const b of lineBatches(ds.file('signIns'), 5000, N)) raw.push(...b);
const dropNulls = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(dropNulls);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null).map(([k, x]) => [k, dropNulls(x)]));
};
const records = raw.map((l) => {
  const v = JSON.parse(l) as JsonObject;
  return normalizeRecord(def.schema, args.shape === 'lean' ? dropNulls(viewObject(def.schema, v, 'v1.0')) : v);
});
const q = (n: string) => `"${n}"`;
const cols = Object.keys(def.schema.fields).map(q);
const t = q(def.table);
// The store's staging columns (which include _seq) plus _ord, which the pre-change statement ordered by.
// These experiments reproduce statements of the layout that stored an id-hash column (_idh, dropped
// since: the store hashes ids itself), so their table gets that column back.
// They also predate the sign-in kind mask, which their statements do not fill.
const OLD_IDH_COLUMN = 'ALTER TABLE sign_ins ADD COLUMN _idh BIGINT; ALTER TABLE sign_ins ALTER COLUMN _evmask DROP NOT NULL';
const colsArg = readJsonColumnsArg(def).replace(/\}$/, `, "_idh": 'BIGINT', "_ord": 'BIGINT'}`);
const colsArgSeq = colsArg;

function staged(from: number, to: number, seqBase: number | null): string {
  const out: string[] = [];
  for (let i = from; i < to; i++) {
    const n = records[i]!;
    const j = JSON.stringify(n.record);
    const seq = seqBase === null ? '' : `,"_seq":${seqBase + (i - from) + 1}`;
    out.push(`${j.slice(0, -1)},"_tenant":"t","_idh":${idHash(String(n.record['id']))},"_extra":${n.extra ? JSON.stringify(n.extra) : 'null'},"_ord":${i - from}${seq}}`);
  }
  return out.join('\n') + '\n';
}

console.log(`${N} ${args.shape} sign-ins, batches of ${B}, threads=${args.threads}, load ${(await import('node:os')).loadavg()[0]!.toFixed(1)}`);
for (const v of args.variants.split(',')) {
  const flags = new Set(v.split('+'));
  const dir = mkdtempSync(join(tmpdir(), 'idtrail-appx-'));
  const inst = await DuckDBInstance.create(flags.has('mem') ? ':memory:' : join(dir, 'db.duckdb'), { threads: args.threads, memory_limit: '2GB' });
  const c = await inst.connect();
  await c.run(createTableSql(def)); await c.run(OLD_IDH_COLUMN);
  await c.run(CHAIN_ANCHORS_SQL);
  for (const f of flags) if (/^wal/.test(f)) await c.run(`SET wal_autocheckpoint = '${f.slice(3).toUpperCase()}B'`);
  const plain = flags.has('plain');
  const anti = flags.has('noanti') || plain ? '' : `WHERE NOT EXISTS (SELECT 1 FROM ${t} AS e WHERE e._tenant = s._tenant AND e._idh = s._idh AND e.id = s.id) `;
  const sql = plain
    ? `INSERT INTO ${t} (_tenant, _seq, _idh, _ingested, _extra, ${cols.join(', ')}) SELECT s._tenant, s._seq, s._idh, now()::TIMESTAMP, s._extra, ${cols.map((x) => `s.${x}`).join(', ')} FROM read_json($1, format = 'newline_delimited', columns = ${colsArgSeq}, maximum_object_size = 67108864) AS s`
    : `INSERT INTO ${t} (_tenant, _seq, _idh, _ingested, _extra, ${cols.join(', ')}) SELECT s._tenant, $1 + row_number() OVER (ORDER BY s._ord), s._idh, now()::TIMESTAMP, s._extra, ${cols.map((x) => `s.${x}`).join(', ')} FROM read_json($2, format = 'newline_delimited', columns = ${colsArg}, maximum_object_size = 67108864) AS s ${anti}RETURNING id, _seq`;
  const perBatch: number[] = [];
  let cpu = 0;
  let base = 0;
  const pre = [...flags].find((f) => /^pre\d+$/.test(f));
  if (pre) {
    const file = join(dir, 'pre.ndjson');
    writeFileSync(file, staged(0, B, 0));
    await c.run(`INSERT INTO ${t} (_tenant, _seq, _idh, _ingested, _extra, ${cols.join(', ')}) SELECT s._tenant, s._seq, s._idh, now()::TIMESTAMP, s._extra, ${cols.map((x) => `s.${x}`).join(', ')} FROM read_json($1, format = 'newline_delimited', columns = ${colsArgSeq}, maximum_object_size = 67108864) AS s`, [file]);
    const copies = Math.ceil(Number(pre.slice(3)) / B);
    await c.run(`INSERT INTO ${t} SELECT x.* REPLACE ('p' || g.range || '-' || x.id AS id, (hash('p' || g.range || '-' || x.id) >> 11)::BIGINT AS _idh, g.range * ${B} + x._seq AS _seq) FROM ${t} AS x, range(1, ${copies}) AS g`);
    await c.run('CHECKPOINT');
    base = Number((await c.runAndReadAll(`SELECT max(_seq)::BIGINT AS m FROM ${t}`)).getRowObjectsJson()[0]!['m']);
    rmSync(file);
  }
  for (let i = 0; i < records.length; i += B) {
    const end = Math.min(records.length, i + B);
    const file = join(dir, `b${i}.ndjson`);
    writeFileSync(file, staged(i, end, plain ? base : null)); // staging is not timed: same for all variants
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    if (flags.has('probe')) {
      const hs = [];
      for (let k = i; k < end; k += 100) hs.push(idHash(String(records[k]!.record['id'])));
      const ph = hs.map((_, k) => `$${k + 2}`).join(', ');
      (await c.runAndReadAll(`SELECT id, _idh FROM ${t} WHERE _tenant = $1 AND _idh IN (${ph})`, ['t', ...hs])).getRowObjectsJson();
    }
    await c.run('BEGIN TRANSACTION');
    if (plain) await c.run(sql, [file]);
    else (await c.runAndReadAll(sql, [base, file])).getRowObjectsJson();
    await c.run("INSERT INTO _chain_anchors VALUES ('t', 'signIns', 1, 2, 'x', 'y', now()::TIMESTAMP)");
    await c.run('COMMIT');
    perBatch.push(performance.now() - t0);
    const cu = process.cpuUsage(c0);
    cpu += cu.user + cu.system;
    base += end - i;
    rmSync(file);
  }
  let tail = '';
  if (flags.has('replay') && !flags.has('mem')) {
    const db = join(dir, 'db.duckdb');
    const walBytes = existsSync(`${db}.wal`) ? statSync(`${db}.wal`).size : 0;
    copyFileSync(db, join(dir, 'copy.duckdb'));
    if (walBytes) copyFileSync(`${db}.wal`, join(dir, 'copy.duckdb.wal'));
    const t0 = performance.now();
    const i2 = await DuckDBInstance.create(join(dir, 'copy.duckdb'), { threads: args.threads });
    const c2 = await i2.connect();
    const rows = (await c2.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM ${t}`)).getRowObjectsJson()[0]!['n'];
    tail += `  replay of ${(walBytes / 1e6).toFixed(0)} MB WAL: ${(performance.now() - t0).toFixed(0)} ms (${rows} rows)`;
    c2.closeSync();
    i2.closeSync();
  }
  if (flags.has('ckpt')) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await c.run('CHECKPOINT');
    const ms = performance.now() - t0;
    perBatch.push(ms);
    const cu = process.cpuUsage(c0);
    cpu += cu.user + cu.system;
    if (!flags.has('mem')) tail += `  final CHECKPOINT ${ms.toFixed(0)} ms, file ${(statSync(join(dir, 'db.duckdb')).size / records.length).toFixed(0)} B/rec`;
  }
  const n = records.length;
  const quarter = Math.ceil(perBatch.length / 4);
  const us = (xs: number[]) => ((xs.reduce((a, b) => a + b, 0) / xs.length / B) * 1000).toFixed(0).padStart(4);
  const sorted = [...perBatch].sort((a, b) => a - b);
  const med = sorted[sorted.length >> 1]!;
  const spikes = perBatch.filter((x) => x > 3 * med).length;
  const quarters = [0, 1, 2, 3].map((k) => us(perBatch.slice(k * quarter, (k + 1) * quarter))).join(' ');
  console.log(
    `${v.padEnd(20)} wall ${((perBatch.reduce((a, b) => a + b, 0) * 1000) / n).toFixed(1).padStart(6)} µs/rec  cpu ${(cpu / n).toFixed(1).padStart(6)}  ` +
      `by quarter ${quarters}  median batch ${med.toFixed(0)} ms, max ${sorted[sorted.length - 1]!.toFixed(0)} ms, ${spikes} batches >3× median${tail}`,
  );
  c.closeSync();
  inst.closeSync();
  rmSync(dir, { recursive: true, force: true });
}
