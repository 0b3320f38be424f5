// A growable Bloom filter over the 53-bit id hashes of one tenant's stored records (DuckDB's own
// hash(id), see tenant-log.ts).
// The store asks it "might this id be stored already?" before an append: "no" is certain, so only
// the rare "maybe" goes to the database. Without it every batch anti-joined the whole table (at 1M
// stored sign-ins: 530 ms a batch of 1000 instead of 80; notes/ingest-perf.md).
//
// Why a Bloom filter and not a set of hashes: 3–6 bytes a record instead of 12–40. A false "maybe"
// costs a probe that reads the tenant's id column (~25 ms per million stored records: no hash column
// is stored, which saved ~5 of ~153 bytes a sign-in on disk), so the filter is sized at 24 bits and
// 17 probes per record or more (sizes round up to a power of two): a false-positive rate ≤ 1e-5, a
// batch of 1000 new records probing at most once in 100 batches. When a layer fills, a new one four times as large is added (earlier layers stay valid);
// each new layer spends 3 more bits a record, so the sum of the layers' rates stays near 1e-4
// however many records arrive after the filter is built. A filter starts small (a tenant that
// sends little costs ~10 KB per kind) and is sized for the stored count when loaded.

const BASE_BITS_PER_ITEM = 24;
const MIN_CAPACITY = 1 << 12;
const GROWTH = 4;
const TWO32 = 4294967296;

class Layer {
  readonly words: Uint32Array;
  readonly bits: number;
  readonly probes: number;
  count = 0;

  constructor(readonly capacity: number, bitsPerItem: number) {
    // A power-of-two size lets positions be masked rather than divided.
    let bits = 1 << 10;
    while (bits < capacity * bitsPerItem) bits *= 2;
    this.bits = bits;
    this.words = new Uint32Array(bits / 32);
    // The optimal number of probes for the bits actually allotted (ln 2 · bits per item).
    this.probes = Math.max(1, Math.min(30, Math.round((bits / capacity) * Math.LN2)));
  }

  /** Calls fn with each bit position of h; double hashing from the two halves of the hash. */
  private positions(h: number, fn: (pos: number) => boolean): boolean {
    const lo = h % TWO32 >>> 0;
    const hi = Math.floor(h / TWO32);
    // The high half has only 21 bits: mix it with the low half so the step covers the whole range.
    const step = (Math.imul(hi ^ lo, 0x9e3779b1) ^ (hi << 11)) | 1;
    const mask = this.bits - 1;
    let p = lo;
    for (let i = 0; i < this.probes; i++) {
      if (!fn((p & mask) >>> 0)) return false;
      p = (p + step) | 0;
    }
    return true;
  }

  add(h: number): void {
    this.positions(h, (pos) => {
      this.words[pos >>> 5]! |= 1 << (pos & 31);
      return true;
    });
    this.count++;
  }

  has(h: number): boolean {
    return this.positions(h, (pos) => (this.words[pos >>> 5]! & (1 << (pos & 31))) !== 0);
  }
}

export class IdFilter {
  private readonly layers: Layer[];

  /** `expected`: how many records will be added right away (the stored count at load). */
  constructor(expected = 0) {
    this.layers = [new Layer(Math.max(MIN_CAPACITY, Math.ceil(expected * 1.25)), BASE_BITS_PER_ITEM)];
  }

  add(h: number): void {
    let last = this.layers[this.layers.length - 1]!;
    if (last.count >= last.capacity) {
      last = new Layer(last.capacity * GROWTH, BASE_BITS_PER_ITEM + 3 * this.layers.length);
      this.layers.push(last);
    }
    last.add(h);
  }

  /** false: certainly never added. true: probably added (confirm against the store). */
  mightContain(h: number): boolean {
    for (const l of this.layers) if (l.has(h)) return true;
    return false;
  }

  /** Bytes held, for the notes and metrics. */
  get bytes(): number {
    return this.layers.reduce((s, l) => s + l.words.byteLength, 0);
  }
}
