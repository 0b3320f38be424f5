// The per-record random values of a sign-in (id, correlation id, token id, processing time), drawn
// once as raw 32-bit words so the object form turns them into strings and the NDJSON form writes
// them straight into the output bytes, without a string per value. Both forms read the same words,
// and the words are drawn in the order Prng.guid/base64url would draw them.
import { B64URL, base64urlPair, guidOf, type Prng } from './prng.ts';

const HEX_BYTES = Uint8Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
const B64URL_BYTES = Uint8Array.from(B64URL, (c) => c.charCodeAt(0));

export const GUID_CHARS = 36;
/** Characters of the uniqueTokenIdentifier (two base64url characters per drawn word). */
export const TOKEN_ID_CHARS = 22;
const TOKEN_WORDS = TOKEN_ID_CHARS / 2;

/**
 * A GUID kept as its four drawn words (as int32, which V8 stores without boxing): the object form
 * asks for its text, the NDJSON form writes its bytes. Laid out as Prng.guid lays it out.
 */
export class Guid {
  constructor(public a = 0, public b = 0, public c = 0, public d = 0) {}

  /** Draws the words Prng.guid would draw, in its order. */
  fill(rng: Prng): this {
    this.a = rng.u32() | 0;
    this.b = rng.u32() | 0;
    this.c = rng.u32() | 0;
    this.d = rng.u32() | 0;
    return this;
  }

  text(): string {
    return guidOf(this.a, this.b, this.c, this.d);
  }

  /** Writes the GUID_CHARS characters at `p`. */
  write(out: Uint8Array, p: number): void {
    writeGuid(out, p, this.a, this.b, this.c, this.d);
  }
}

/** An id drawn once and shared by several records: a session id, the correlation id of a flow. */
export type SharedId = Readonly<Guid>;

export function sharedId(rng: Prng): SharedId {
  return new Guid().fill(rng);
}

/** The values drawn for each record; one instance is refilled record after record. */
export class SignInDraw {
  readonly id = new Guid();
  /** Drawn only when the event has no correlation id of its flow (`ownCorrelation`). */
  readonly correlation = new Guid();
  readonly token = new Uint32Array(TOKEN_WORDS);
  ownCorrelation = false;
  processingMs = 0;

  /** Draws every value of one record: id, correlation id unless the flow has one, token id, time. */
  draw(rng: Prng, needsCorrelation: boolean): this {
    this.id.fill(rng);
    this.ownCorrelation = needsCorrelation;
    if (needsCorrelation) this.correlation.fill(rng);
    const w = this.token;
    for (let i = 0; i < TOKEN_WORDS; i++) w[i] = rng.u32();
    this.processingMs = 8 + (rng.u32() % 240);
    return this;
  }

  tokenId(): string {
    let s = '';
    for (let i = 0; i < TOKEN_WORDS; i++) s += base64urlPair(this.token[i]);
    return s;
  }

  /** Writes the TOKEN_ID_CHARS characters of the token id at `p`. */
  writeTokenId(out: Uint8Array, p: number): void {
    const w = this.token;
    for (let i = 0; i < TOKEN_WORDS; i++, p += 2) {
      out[p] = B64URL_BYTES[(w[i] >>> 6) & 63];
      out[p + 1] = B64URL_BYTES[w[i] & 63];
    }
  }
}

/** guidOf's layout as bytes, unrolled: this runs twice per NDJSON sign-in. */
function writeGuid(out: Uint8Array, p: number, a: number, b: number, c: number, d: number): void {
  const H = HEX_BYTES;
  out[p] = H[a >>> 28]; out[p + 1] = H[(a >>> 24) & 15]; out[p + 2] = H[(a >>> 20) & 15]; out[p + 3] = H[(a >>> 16) & 15];
  out[p + 4] = H[(a >>> 12) & 15]; out[p + 5] = H[(a >>> 8) & 15]; out[p + 6] = H[(a >>> 4) & 15]; out[p + 7] = H[a & 15];
  out[p + 8] = 45;
  out[p + 9] = H[b >>> 28]; out[p + 10] = H[(b >>> 24) & 15]; out[p + 11] = H[(b >>> 20) & 15]; out[p + 12] = H[(b >>> 16) & 15];
  out[p + 13] = 45;
  out[p + 14] = 52; out[p + 15] = H[(b >>> 8) & 15]; out[p + 16] = H[(b >>> 4) & 15]; out[p + 17] = H[b & 15];
  out[p + 18] = 45;
  out[p + 19] = H[8 | ((c >>> 28) & 3)]; out[p + 20] = H[(c >>> 24) & 15]; out[p + 21] = H[(c >>> 20) & 15]; out[p + 22] = H[(c >>> 16) & 15];
  out[p + 23] = 45;
  out[p + 24] = H[(c >>> 12) & 15]; out[p + 25] = H[(c >>> 8) & 15]; out[p + 26] = H[(c >>> 4) & 15]; out[p + 27] = H[c & 15];
  out[p + 28] = H[d >>> 28]; out[p + 29] = H[(d >>> 24) & 15]; out[p + 30] = H[(d >>> 20) & 15]; out[p + 31] = H[(d >>> 16) & 15];
  out[p + 32] = H[(d >>> 12) & 15]; out[p + 33] = H[(d >>> 8) & 15]; out[p + 34] = H[(d >>> 4) & 15]; out[p + 35] = H[d & 15];
}
