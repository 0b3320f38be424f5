// Writes a scheduled sign-in as one NDJSON line straight into an output buffer: the precomputed
// UTF-8 bytes of its parts, the constant keys between them, and the drawn values written byte by
// byte. No string, object or JSON.stringify per record; this is what takes NDJSON generation past
// 200k records/s. The key order is that of sign-in-record.ts (a test compares every line with
// JSON.stringify of the object form).
import { TIME_CHARS, type EntraClock } from './entra-time.ts';
import { GUID_CHARS, TOKEN_ID_CHARS, type SignInDraw, type SharedId } from './sign-in-draw.ts';
import type { SignInEvent } from './sign-in-record.ts';
import { CONSTANT_TAIL } from './sign-in-parts.ts';

const ascii = (s: string) => Buffer.from(s, 'latin1');
const OPEN_ID = ascii('{"id":"');
const CREATED = ascii('","createdDateTime":"');
const CORRELATION = ascii(',"correlationId":"');
const DETAILS = ascii(',"authenticationDetails":[');
const STEP = ascii('{"authenticationStepDateTime":"');
const SESSION = ascii('],"sessionId":');
const NULL = ascii('null');
const TOKEN = ascii(',"uniqueTokenIdentifier":"');
const PROCESSING = ascii('","processingTimeInMilliseconds":');
const TAIL = CONSTANT_TAIL.bytes;
/** Every byte of a line that is not a part, a step tail or a drawn value, with room to spare. */
const FIXED_BYTES = 512;

export type SignInLineWriter = (ev: SignInEvent, draw: SignInDraw, out: Uint8Array, p: number) => number;

/** At most how many bytes `ev`'s line takes, newline included; reserve this much before writing. */
export function signInLineBound(ev: SignInEvent): number {
  let n = FIXED_BYTES + ev.u.bytes.length + ev.a.bytes.length + ev.n.bytes.length + ev.d.bytes.length +
    ev.e.bytes.length + ev.o.bytes.length + ev.r.bytes.length + ev.w.bytes.length + TAIL.length;
  for (const t of ev.o.meta.stepTails) n += STEP.length + TIME_CHARS + 1 + t.length;
  return n;
}

function put(b: Uint8Array, out: Uint8Array, p: number): number {
  out.set(b, p);
  return p + b.length;
}

/** Writes `ev`'s line and its newline at `p` (room: signInLineBound); returns the end offset. */
export function createSignInLineWriter(clock: EntraClock): SignInLineWriter {
  return (ev, draw, out, p) => {
    p = put(OPEN_ID, out, p);
    draw.id.write(out, p);
    p += GUID_CHARS;
    p = put(CREATED, out, p);
    const time = p;
    clock.writeTime(ev.k, out, p);
    p += TIME_CHARS;
    out[p++] = 34; // "
    out[p++] = 44; // ,
    p = put(ev.u.bytes, out, p);
    out[p++] = 44;
    p = put(ev.a.bytes, out, p);
    out[p++] = 44;
    p = put(ev.n.bytes, out, p);
    out[p++] = 44;
    p = put(ev.d.bytes, out, p);
    p = put(CORRELATION, out, p);
    (draw.ownCorrelation ? draw.correlation : (ev.c as SharedId)).write(out, p);
    p += GUID_CHARS;
    out[p++] = 34;
    out[p++] = 44;
    p = put(ev.e.bytes, out, p);
    out[p++] = 44;
    p = put(ev.o.bytes, out, p);
    out[p++] = 44;
    p = put(ev.r.bytes, out, p);
    p = put(DETAILS, out, p);
    const tails = ev.o.meta.stepTails;
    for (let i = 0; i < tails.length; i++) {
      if (i > 0) out[p++] = 44;
      p = put(STEP, out, p);
      out.copyWithin(p, time, time + TIME_CHARS);
      p += TIME_CHARS;
      p = put(tails[i], out, p);
    }
    p = put(SESSION, out, p);
    if (ev.s === null) {
      p = put(NULL, out, p);
    } else {
      out[p++] = 34;
      ev.s.write(out, p);
      p += GUID_CHARS;
      out[p++] = 34;
    }
    p = put(TOKEN, out, p);
    draw.writeTokenId(out, p);
    p += TOKEN_ID_CHARS;
    p = put(PROCESSING, out, p);
    const ms = draw.processingMs;
    if (ms >= 100) out[p++] = 48 + Math.floor(ms / 100);
    if (ms >= 10) out[p++] = 48 + (Math.floor(ms / 10) % 10);
    out[p++] = 48 + (ms % 10);
    out[p++] = 44;
    p = put(ev.w.bytes, out, p);
    out[p++] = 44;
    p = put(TAIL, out, p);
    out[p++] = 125; // }
    out[p++] = 10; // newline
    return p;
  };
}
