// The spool: where an accepted batch is made durable before its acknowledgement, so that the
// single writer can load many batches into DuckDB in one INSERT afterwards (spooled-appends.ts).
//
// Per kind, one open segment file at a time, in the staging NDJSON the append statement reads.
// Each batch is one metadata line (`{"_spool": …}`: kind, tenant, count, last seq, chain anchor)
// followed by its records; DuckDB's reader with explicit columns gives the metadata line a NULL
// `_seq`, which the load filters out, so a segment is loaded as it lies. Writes go to the page
// cache synchronously (a batch is whole in the file or absent), and durability is one fdatasync
// shared by every batch written before it starts (group commit: a busy ingest pays one fsync per
// round, not one per request). The loader seals the open segments, so new batches go to new ones.
import { closeSync, fdatasync, fsync, ftruncateSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { promisify } from 'node:util';
import { join } from 'node:path';
import type { LogKind } from '../../model/index.ts';
import type { ChainAnchorRow } from '../log-store.ts';

export interface SpoolMeta {
  readonly kind: LogKind;
  readonly tenantId: string;
  readonly count: number;
  readonly lastSeq: number;
  readonly anchor: ChainAnchorRow | null;
}

export interface Segment {
  readonly name: string;
  readonly kind: LogKind;
  /** The batches in it, in order (read back from the file for a previous process's segments). */
  readonly batches: SpoolMeta[];
  rows: number;
  bytes: number;
  fd: number | null;
}

const SUFFIX = '.ndjson';
const META_PREFIX = '{"_spool":';
const fdatasyncAsync = promisify(fdatasync);
const fsyncAsync = promisify(fsync);

export class AppendSpool {
  private counter = 0;
  /** Names sort by (start stamp, counter): unique across restarts of the same data directory. */
  private readonly stamp = Date.now().toString().padStart(15, '0');
  private readonly current = new Map<LogKind, Segment>();
  /** Segments written to since the last sync began, and whether a new file awaits its directory sync. */
  private dirty = new Set<Segment>();
  private newFiles = false;
  private syncing: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private failure: Error | null = null;
  /** Files deleted since the directory was last synced: their deletion may not survive a power loss yet. */
  private removedSinceSync = false;

  constructor(
    readonly dir: string,
    /** Whether to fsync: off for a throwaway in-memory store, which has nothing to keep. */
    private readonly durable: boolean,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  path(name: string): string {
    return join(this.dir, name);
  }

  /** Write one batch into its kind's open segment (page cache only: see synced()). */
  append(meta: SpoolMeta, lines: readonly string[]): { segment: Segment; bytes: number } {
    if (this.failure) throw this.failure;
    let seg = this.current.get(meta.kind);
    if (!seg) {
      const name = `${this.stamp}-${String(this.counter++).padStart(12, '0')}-${meta.kind}${SUFFIX}`;
      seg = { name, kind: meta.kind, batches: [], rows: 0, bytes: 0, fd: openSync(this.path(name), 'wx') };
      this.current.set(meta.kind, seg);
      this.newFiles = true;
    }
    const data = Buffer.from(`${META_PREFIX}${JSON.stringify(meta)}}\n${lines.join('\n')}\n`);
    try {
      for (let off = 0; off < data.length; ) off += writeSync(seg.fd!, data, off, data.length - off);
    } catch (e) {
      // A short write leaves a torn batch at the end: cut it off so the segment stays whole.
      try {
        ftruncateSync(seg.fd!, seg.bytes);
      } catch {
        this.failure = new Error(`the spool segment ${seg.name} could not be repaired after a failed write: ${(e as Error).message}`);
      }
      throw e;
    }
    seg.batches.push(meta);
    seg.rows += meta.count;
    seg.bytes += data.length;
    this.dirty.add(seg);
    return { segment: seg, bytes: data.length };
  }

  /**
   * Resolves once every batch appended before the call is on disk. A sync already running may have
   * begun before that batch was written, so a caller then waits for the next one, which every
   * caller arriving meanwhile shares.
   */
  synced(): Promise<void> {
    if (!this.durable) return Promise.resolve();
    if (this.failure) return Promise.reject(this.failure);
    if (this.queued) return this.queued;
    if (!this.syncing) return this.startSync();
    this.queued = this.syncing.then(
      () => this.startSync(),
      () => this.startSync(),
    );
    return this.queued;
  }

  private startSync(): Promise<void> {
    this.queued = null;
    const segs = [...this.dirty];
    const dirToo = this.newFiles;
    this.dirty = new Set();
    this.newFiles = false;
    const run = (async () => {
      for (const s of segs) if (s.fd !== null) await fdatasyncAsync(s.fd);
      if (dirToo) await this.syncDir();
    })().catch((e: unknown) => {
      // After a failed fsync the kernel may have dropped the dirty pages: nothing written since the
      // last good sync can be vouched for, so the spool refuses everything until a restart.
      this.failure = new Error(`the spool could not be synced to disk: ${(e as Error).message}`);
      throw this.failure;
    });
    this.syncing = run.finally(() => {
      if (this.syncing === tracked) this.syncing = null;
    });
    const tracked = this.syncing;
    return run;
  }

  /** New files are durable only once their directory entries are. */
  private async syncDir(): Promise<void> {
    const d = openSync(this.dir, 'r');
    try {
      await fsyncAsync(d);
    } finally {
      closeSync(d);
    }
  }

  /** The open segments, closed to new batches (which go to new segments from now on). */
  seal(): Segment[] {
    const out = [...this.current.values()];
    this.current.clear();
    return out;
  }

  /** A loaded segment: its file goes once no sync can still be using its descriptor. */
  async remove(seg: Segment): Promise<void> {
    await this.release(seg);
    rmSync(this.path(seg.name), { force: true });
    this.removedSinceSync = true;
  }

  /**
   * Make earlier deletions durable. The loader calls it before it forgets which batches it loaded
   * (_spool_loaded): a deletion lost to a power cut would otherwise bring back a file whose marks
   * are gone, and its batches would be loaded twice.
   */
  async syncRemovals(): Promise<void> {
    if (!this.durable || !this.removedSinceSync) return;
    this.removedSinceSync = false;
    await this.syncDir();
  }

  /**
   * Close a loaded (or set aside) segment's descriptor without a sync of its own: its batches are
   * committed in the store, which is durable by itself. Once out of the dirty set no sync starts
   * with it; one already running may hold it, so that one is waited for before the close.
   */
  private async release(seg: Segment): Promise<void> {
    this.dirty.delete(seg);
    await Promise.allSettled([this.syncing, this.queued]);
    if (seg.fd !== null) closeSync(seg.fd);
    seg.fd = null;
  }

  /** Where a batch the store refused is kept for an operator (`failed/` in the spool). */
  failedPath(name: string): string {
    const dir = join(this.dir, 'failed');
    mkdirSync(dir, { recursive: true });
    return join(dir, name);
  }

  /** Each batch of a segment as its text (metadata line and records), in order. */
  batchTexts(seg: Segment): string[] {
    const text = readFileSync(this.path(seg.name), 'utf8');
    return [...batchesIn(text)].map((b) => text.slice(b.start, b.end));
  }

  /**
   * The segments a previous process left, in order. A torn last batch (a crash or power loss in
   * mid-write) was never acknowledged and is cut off; a file that does not parse is quarantined.
   */
  leftovers(): { segments: Segment[]; quarantined: string[] } {
    const segments: Segment[] = [];
    const quarantined: string[] = [];
    for (const f of readdirSync(this.dir).sort()) {
      if (!f.endsWith(SUFFIX)) continue;
      const text = readFileSync(this.path(f), 'utf8');
      const batches = [...batchesIn(text)];
      const whole = batches.length ? batches[batches.length - 1]!.end : 0;
      const kind = batches[0]?.meta.kind;
      if (whole < text.length || !kind) {
        if (!kind || batches.some((b) => b.meta.kind !== kind)) {
          const to = this.failedPath(f);
          renameSync(this.path(f), to);
          quarantined.push(to);
          continue;
        }
        const fd = openSync(this.path(f), 'r+');
        ftruncateSync(fd, Buffer.byteLength(text.slice(0, whole)));
        closeSync(fd);
      }
      segments.push({ name: f, kind, batches: batches.map((b) => b.meta), rows: batches.reduce((n, b) => n + b.meta.count, 0), bytes: Buffer.byteLength(text.slice(0, whole)), fd: null });
    }
    return { segments, quarantined };
  }
}

/** The whole batches of a segment's text: each a metadata line and `count` record lines. */
function* batchesIn(text: string): Generator<{ meta: SpoolMeta; start: number; end: number }> {
  let pos = 0;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    if (nl < 0 || !text.startsWith(META_PREFIX, pos)) return;
    let meta: SpoolMeta;
    try {
      meta = (JSON.parse(text.slice(pos, nl)) as { _spool: SpoolMeta })._spool;
    } catch {
      return;
    }
    if (!meta || typeof meta.kind !== 'string' || typeof meta.tenantId !== 'string' || !Number.isInteger(meta.count) || !Number.isInteger(meta.lastSeq)) return;
    let end = nl + 1;
    for (let i = 0; i < meta.count; i++) {
      const e = text.indexOf('\n', end);
      if (e < 0) return;
      end = e + 1;
    }
    yield { meta, start: pos, end };
    pos = end;
  }
}
