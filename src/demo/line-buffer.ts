// NDJSON lines encoded straight into a reusable buffer and handed on in large chunks. Sign-in lines
// are written into it byte by byte (sign-in-line.ts); other lines are encoded from their JSON text.

const SIZE = 1 << 20;

export class LineBuffer {
  private buf = Buffer.allocUnsafe(SIZE);
  private used = 0;

  /**
   * Makes room for `n` more bytes at `size` in `bytes`; returns the filled bytes when the buffer had
   * to be emptied first (the caller sends them on before its next take).
   */
  reserve(n: number): Buffer | null {
    if (this.used + n <= this.buf.length) return null;
    const out = this.used > 0 ? this.take() : null;
    if (n > this.buf.length) this.buf = Buffer.allocUnsafe(n);
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

  /** The bytes written so far; the buffer starts afresh (no copy: the caller owns the old one). */
  take(): Buffer {
    const out = this.buf.subarray(0, this.used);
    this.buf = Buffer.allocUnsafe(SIZE);
    this.used = 0;
    return out;
  }

  get size(): number {
    return this.used;
  }
}
