// A small, fast, seeded PRNG (sfc32) with the draws the generators need. No Math.random anywhere in
// demo/: every byte of output must follow from (seed, options).

/** Hash a label into 32 bits (FNV-1a, then a murmur finalizer so nearby labels spread). */
function hash32(s: string, h = 0x811c9dc5): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
// Ids are drawn for every record: 16-bit hex and 12-bit base64url lookups keep that to a few concatenations.
const HEX4: string[] = Array.from({ length: 65536 }, (_, i) => i.toString(16).padStart(4, '0'));
export const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64URL2: string[] = Array.from({ length: 4096 }, (_, i) => B64URL[i >> 6] + B64URL[i & 63]);

export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** Independent streams per label, so adding draws to one generator never shifts another's output. */
  constructor(seed: number, label: string) {
    this.a = hash32(label, seed >>> 0);
    this.b = hash32(label + '#b', (seed * 0x9e3779b1) >>> 0);
    this.c = hash32(label + '#c', seed ^ 0xdeadbeef);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.u32();
  }

  fork(label: string): Prng {
    return new Prng(this.u32(), label);
  }

  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  range(lo: number, hi: number): number {
    return lo + this.next() * (hi - lo);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** Pick by weight; `cumulative` is a running sum of weights (see `cumulate`). */
  weighted<T>(items: readonly T[], cumulative: readonly number[]): T {
    const x = this.next() * cumulative[cumulative.length - 1];
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return items[lo];
  }

  /** Poisson draw (Knuth for small means, normal approximation above 30). */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    const l = Math.exp(-mean);
    let k = 0;
    let p = 1;
    do {
      k++;
      p *= this.next();
    } while (p > l);
    return k - 1;
  }

  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** A lowercase GUID (version-4 layout), as Entra ids look. */
  guid(): string {
    return guidOf(this.u32(), this.u32(), this.u32(), this.u32());
  }

  hex(bytes: number): string {
    let s = '';
    for (let i = 0; i < bytes; i++) s += HEX[this.u32() & 255];
    return s;
  }

  base64url(chars: number): string {
    let s = '';
    for (let i = 0; i + 1 < chars; i += 2) s += base64urlPair(this.u32());
    if (chars % 2 === 1) s += B64URL[this.u32() & 63];
    return s;
  }
}

/** The GUID of four drawn words: version nibble 4, variant bits 10 (sign-in-draw.ts writes the same as bytes). */
export function guidOf(a: number, b: number, c: number, d: number): string {
  return (
    HEX4[a >>> 16] + HEX4[a & 0xffff] + '-' + HEX4[b >>> 16] + '-' + HEX4[0x4000 | (b & 0x0fff)] + '-' +
    HEX4[0x8000 | ((c >>> 16) & 0x3fff)] + '-' + HEX4[c & 0xffff] + HEX4[d >>> 16] + HEX4[d & 0xffff]
  );
}

/** Two base64url characters from the low 12 bits of a drawn word. */
export function base64urlPair(w: number): string {
  return B64URL2[w & 4095];
}

export function cumulate(weights: readonly number[]): number[] {
  let sum = 0;
  return weights.map((w) => (sum += w));
}
