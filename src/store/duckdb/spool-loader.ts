// Moves spooled batches (append-spool.ts) into DuckDB, on the writer, in the store's write queue.
//
// One load takes every sealed segment up to LOAD_MAX_ROWS: one INSERT per kind (DuckDB's reader
// takes the list of files) plus every chain anchor, in one transaction with the segments' batch
// numbers in _spool_loaded, so a crash between the commit and the files' deletion loads nothing
// twice (deletions are synced to disk before those marks are dropped). A load that fails on data
// (a value DuckDB refuses) is redone batch by batch, and a batch refused alone is set aside in the
// spool's failed/ directory; a load that fails otherwise (I/O, memory) is retried a few times
// first, since its batches are acknowledged and must not be lost.
import type { DuckDBConnection } from '@duckdb/node-api';
import { listValue } from '@duckdb/node-api';
import { writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { LogKind } from '../../model/index.ts';
import type { AppendSpool, Segment, SpoolMeta } from './append-spool.ts';
import type { appendStatement } from './duckdb-schema.ts';

/** Rows one load takes at most (two of DuckDB's row groups): bounds a transaction and a read's wait. */
const LOAD_MAX_ROWS = 245_760;
const RETRY_DELAYS_MS = [250, 1000, 4000];

/** Every anchor of a load in one statement: a JSON array of {t, k, seqFrom, seqTo, link, prints}. */
const ANCHORS_FROM_JSON =
  'INSERT INTO _chain_anchors SELECT a.t, a.k, a.seqFrom, a.seqTo, a.link, a.prints, now()::TIMESTAMP FROM (SELECT unnest(from_json($1::JSON, ' +
  `'[{"t":"VARCHAR","k":"VARCHAR","seqFrom":"BIGINT","seqTo":"BIGINT","link":"VARCHAR","prints":"VARCHAR"}]'), max_depth := 2)) AS a`;

export interface SpoolLoaderDeps {
  readonly writer: DuckDBConnection;
  readonly spool: AppendSpool;
  readonly statements: Record<LogKind, ReturnType<typeof appendStatement>>;
  readonly enqueueWrite: <T>(fn: () => Promise<T>) => Promise<T>;
  /** A batch is in the table (loaded) or set aside for good (not loaded), in staging order. */
  readonly batchDone: (seg: Segment, index: number, meta: SpoolMeta, refused?: unknown) => void;
  readonly onQuarantine: (file: string, meta: SpoolMeta, err: unknown) => void;
}

/** DuckDB's data errors: the batch's content is refused, and trying again cannot help. */
const DATA_ERROR = /^(Conversion|Invalid Input|Constraint|Binder|Parser|Out of Range|Invalid type) Error/;

export class SpoolLoader {
  private sealed: Segment[] = [];
  private queued = false;
  loads = 0;
  quarantined = 0;

  constructor(private readonly deps: SpoolLoaderDeps) {}

  /** At most one load waits in the write queue; it takes whatever is sealed or open when it starts. */
  schedule(): void {
    if (this.queued) return;
    this.queued = true;
    void this.deps.enqueueWrite(() => this.load()).catch(() => undefined);
  }

  private async load(): Promise<void> {
    this.queued = false;
    this.sealed.push(...this.deps.spool.seal());
    const group: Segment[] = [];
    let rows = 0;
    while (this.sealed.length && (group.length === 0 || rows + this.sealed[0]!.rows <= LOAD_MAX_ROWS)) {
      const s = this.sealed.shift()!;
      group.push(s);
      rows += s.rows;
    }
    if (!group.length) return;
    await this.loadGroup(group);
    if (this.sealed.length) this.schedule();
  }

  private async loadGroup(group: readonly Segment[]): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.commit(group.map((seg) => ({ kind: seg.kind, file: this.deps.spool.path(seg.name), seg, batches: seg.batches.map((_, i) => i) })));
        this.loads++;
        for (const seg of group) await this.finish(seg, seg.batches.map((_, i) => i));
        return;
      } catch (e) {
        if (DATA_ERROR.test((e as Error).message) || attempt >= RETRY_DELAYS_MS.length) break;
        await new Promise((r) => setTimeout(r, RETRY_DELAYS_MS[attempt]));
      }
    }
    for (const seg of group) await this.loadEach(seg, seg.batches.map((_, i) => i));
  }

  /**
   * Batch by batch, setting aside each one DuckDB refuses; then the segment goes. Each batch is
   * copied to a file of its own first: DuckDB's reader parses a whole file before any filter, so
   * one refused value would fail every batch read from the segment.
   */
  private async loadEach(seg: Segment, indexes: readonly number[]): Promise<void> {
    const parts = this.deps.spool.batchTexts(seg);
    const dir = join(this.deps.spool.dir, 'retry');
    mkdirSync(dir, { recursive: true });
    for (const i of indexes) {
      let refused: unknown;
      const file = join(dir, `${seg.name.replace(/\.ndjson$/, '')}-batch${i}.ndjson`);
      writeFileSync(file, parts[i]!);
      try {
        await this.commit([{ kind: seg.kind, file, seg, batches: [i] }]);
      } catch (e) {
        const kept = this.deps.spool.failedPath(file.split('/').pop()!);
        writeFileSync(kept, parts[i]!);
        // Marked as handled, so a restart does not try it again.
        await this.deps.writer.run(`INSERT INTO _spool_loaded VALUES ('${sqlText(seg.name)}', ${i})`).catch(() => undefined);
        this.quarantined++;
        this.deps.onQuarantine(kept, seg.batches[i]!, e);
        refused = e;
      } finally {
        rmSync(file, { force: true });
      }
      this.deps.batchDone(seg, i, seg.batches[i]!, refused);
    }
    await this.deps.spool.remove(seg);
  }

  private async finish(seg: Segment, indexes: readonly number[]): Promise<void> {
    for (const i of indexes) this.deps.batchDone(seg, i, seg.batches[i]!);
    await this.deps.spool.remove(seg);
  }

  /** One transaction: each file is a whole segment or one batch of one, read as it lies. */
  private async commit(parts: ReadonlyArray<{ kind: LogKind; file: string; seg: Segment; batches: readonly number[] }>): Promise<void> {
    const { writer } = this.deps;
    // Few statements on purpose: each is a round trip through the event loop, which a busy ingest
    // keeps in long JS turns. Names are generated by the spool (digits, dashes, a kind), indexes are
    // integers, so they go into the text; everything else is a bound parameter. Marks of earlier
    // loads name files already deleted (a segment goes right after its load), except a segment
    // loaded batch by batch, whose earlier batches' marks stay until it goes.
    const marks = parts.flatMap((p) => p.batches.map((i) => `('${sqlText(p.seg.name)}', ${i})`)).join(', ');
    const names = parts.map((p) => `'${sqlText(p.seg.name)}'`).join(', ');
    await this.deps.spool.syncRemovals();
    await writer.run(`BEGIN TRANSACTION; DELETE FROM _spool_loaded WHERE name NOT IN (${names}); INSERT INTO _spool_loaded VALUES ${marks}`);
    try {
      const byKind = new Map<LogKind, string[]>();
      for (const p of parts) byKind.set(p.kind, [...(byKind.get(p.kind) ?? []), p.file]);
      for (const [kind, files] of byKind) await writer.run(this.deps.statements[kind].sql, [listValue(files)]);
      const anchors = parts.flatMap((p) => p.batches.flatMap((i) => {
        const m = p.seg.batches[i]!;
        return m.anchor ? [{ t: m.tenantId, k: m.kind, ...m.anchor }] : [];
      }));
      if (anchors.length) await writer.run(ANCHORS_FROM_JSON, [JSON.stringify(anchors)]);
      await writer.run('COMMIT');
    } catch (e) {
      await writer.run('ROLLBACK').catch(() => undefined);
      throw e;
    }
  }

  /**
   * Load what a previous process spooled and did not load, before the store serves anything.
   * `_spool_loaded` names the batches its last loads committed; the rest are loaded now.
   */
  async recover(adopt: (segments: readonly Segment[]) => void): Promise<{ segments: number; quarantined: string[] }> {
    const { writer, spool } = this.deps;
    const { segments, quarantined } = spool.leftovers();
    const rows = (await writer.runAndReadAll('SELECT name, batch FROM _spool_loaded')).getRowObjectsJS();
    const done = new Map<string, Set<number>>();
    for (const r of rows) {
      const set = done.get(String(r['name'])) ?? new Set<number>();
      set.add(Number(r['batch']));
      done.set(String(r['name']), set);
    }
    adopt(segments);
    for (const seg of segments) {
      const d = done.get(seg.name);
      const rest = seg.batches.map((_, i) => i).filter((i) => !d?.has(i));
      if (!d) await this.loadGroup([seg]);
      else {
        for (const i of seg.batches.map((_, k) => k)) if (d.has(i)) this.deps.batchDone(seg, i, seg.batches[i]!);
        await this.loadEach(seg, rest);
      }
    }
    await spool.syncRemovals();
    await writer.run('DELETE FROM _spool_loaded');
    return { segments: segments.length, quarantined };
  }
}

const sqlText = (s: string) => s.replace(/'/g, "''");

