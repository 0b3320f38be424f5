// NDJSON lines encoded straight into a buffer and handed on in large chunks. Sign-in lines are
// written into it byte by byte (sign-in-line.ts); other lines are encoded from their JSON text.
// Chunk buffers come from a pool and go back to it once the sink is done with them: allocating a
// fresh megabyte per chunk (page faults, and garbage collections triggered by external memory)
// cost a fifth of the generator's time.

export const CHUNK_BYTES = 1 << 20;

/** Buffers of CHUNK_BYTES, reused. */
export class ChunkPool {
  private readonly free: Buffer[] = [];

  get(): Buffer {
    return this.free.pop() ?? Buffer.allocUnsafe(CHUNK_BYTES);
  }

  /** Takes back a chunk from `LineBuffer.take` once nothing reads it any more. */
  release(chunk: Buffer): void {
    // take() returns the start of a pooled buffer; oversized buffers (a line over a chunk) are dropped.
    if (chunk.byteOffset === 0 && chunk.buffer.byteLength === CHUNK_BYTES) this.free.push(Buffer.from(chunk.buffer));
  }
}

const EMPTY = Buffer.alloc(0);

export class LineBuffer {
  /** EMPTY until the first reserve after a take: a buffer is fetched only when a line needs one. */
  private buf: Buffer = EMPTY;
  private used = 0;

  constructor(private readonly pool: ChunkPool = new ChunkPool()) {}

  /**
   * Makes room for `n` more bytes at `size` in `bytes`; returns the filled bytes when the buffer had
   * to be emptied first (the caller sends them on).
   */
  reserve(n: number): Buffer | null {
    if (this.used + n <= this.buf.length) return null;
    const out = this.used > 0 ? this.take() : null;
    this.buf = n > CHUNK_BYTES ? Buffer.allocUnsafe(n) : this.pool.get();
    return out;
  }

  /** The buffer to write reserved bytes into, at offset `size`; `advance` then marks them used. */
  get bytes(): Buffer {
    return this.buf;
  }

  advance(end: number): void {
    this.used = end;
  }

  /** Appends `line` and a newline; returns the filled bytes when the buffer had to be emptied first. */
  append(line: string): Buffer | null {
    // A UTF-16 code unit encodes to at most 3 UTF-8 bytes.
    const out = this.reserve(line.length * 3 + 1);
    this.used += this.buf.write(line, this.used, 'utf8');
    this.buf[this.used++] = 10;
    return out;
  }

  /** The bytes written so far; writing goes on in another buffer from the pool. */
  take(): Buffer {
    const out = this.buf.subarray(0, this.used);
    this.buf = EMPTY;
    this.used = 0;
    return out;
  }

  get size(): number {
    return this.used;
  }
}
