// The scheduled sign-ins of one UTC day, kept in columns until the day is emitted in time order.
// Why columns: a day's events live while the next local day is scheduled, long enough for V8 to
// copy every event object twice before promoting it; that copying was a fifth of the generator's
// time. Here the scheduler's event objects die at once (their fields are copied into the columns,
// which are a few large arrays the collector does not copy), and a day is put in time order by a
// radix sort of its keys instead of a comparison sort of objects.
import type { Part } from './record-part.ts';
import { Guid } from './sign-in-draw.ts';
import type { SignInEvent } from './sign-in-record.ts';
import type { ActorPart, AppPart, EventPart } from './sign-in-parts.ts';
import type { OutcomePart } from './sign-in-outcomes.ts';

const PARTS = 8; // u a n d e o r w
const IDS = 9; // session id (4 words), correlation id (4 words), flags
const HAS_SESSION = 1;
const HAS_CORRELATION = 2;

/** A reusable view of one queued event (valid until the next `load`). */
class Cursor implements SignInEvent {
  k = 0;
  u!: ActorPart;
  a!: AppPart;
  n!: Part;
  d!: Part;
  e!: EventPart;
  o!: OutcomePart;
  r!: Part;
  w!: Part;
  s: Guid | null = null;
  c: Guid | null = null;
  tag: string | null = null;
  readonly session = new Guid();
  readonly correlation = new Guid();
}

export class SignInQueue {
  private keys = new Float64Array(1024);
  private ids = new Int32Array(1024 * IDS);
  private readonly parts: Part<unknown>[] = [];
  private readonly tags: (string | null)[] = [];
  private count = 0;
  private readonly cursor = new Cursor();

  get size(): number {
    return this.count;
  }

  add(ev: SignInEvent): void {
    const i = this.count++;
    if (i === this.keys.length) this.grow();
    this.keys[i] = ev.k;
    this.parts.push(ev.u, ev.a, ev.n, ev.d, ev.e, ev.o, ev.r, ev.w);
    this.tags.push(ev.tag);
    const ids = this.ids;
    const j = i * IDS;
    let flags = 0;
    if (ev.s !== null) {
      ids[j] = ev.s.a; ids[j + 1] = ev.s.b; ids[j + 2] = ev.s.c; ids[j + 3] = ev.s.d;
      flags |= HAS_SESSION;
    }
    if (ev.c !== null) {
      ids[j + 4] = ev.c.a; ids[j + 5] = ev.c.b; ids[j + 6] = ev.c.c; ids[j + 7] = ev.c.d;
      flags |= HAS_CORRELATION;
    }
    ids[j + 8] = flags;
  }

  /** Event `i` (in the order added) as a view that the next call overwrites. */
  load(i: number): SignInEvent {
    const v = this.cursor;
    const p = this.parts;
    const q = i * PARTS;
    v.k = this.keys[i];
    v.u = p[q] as ActorPart; v.a = p[q + 1] as AppPart; v.n = p[q + 2] as Part; v.d = p[q + 3] as Part;
    v.e = p[q + 4] as EventPart; v.o = p[q + 5] as OutcomePart; v.r = p[q + 6] as Part; v.w = p[q + 7] as Part;
    v.tag = this.tags[i];
    const ids = this.ids;
    const j = i * IDS;
    const flags = ids[j + 8];
    if (flags & HAS_SESSION) {
      const s = v.session;
      s.a = ids[j]; s.b = ids[j + 1]; s.c = ids[j + 2]; s.d = ids[j + 3];
      v.s = s;
    } else {
      v.s = null;
    }
    if (flags & HAS_CORRELATION) {
      const c = v.correlation;
      c.a = ids[j + 4]; c.b = ids[j + 5]; c.c = ids[j + 6]; c.d = ids[j + 7];
      v.c = c;
    } else {
      v.c = null;
    }
    return v;
  }

  /** Indices of the events by key; equal keys keep the order they were added in. */
  timeOrder(): Uint32Array {
    const n = this.count;
    const keys = this.keys;
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < n; i++) {
      if (keys[i] < min) min = keys[i];
      if (keys[i] > max) max = keys[i];
    }
    let order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    if (n < 2) return order;
    // Keys are integers; a day spans 8.64e11 of them, under 2^40: four stable passes of 10 bits.
    if (!(max - min < 2 ** 40)) return order.sort((x, y) => keys[x] - keys[y] || x - y);
    const lo = new Uint32Array(n);
    const hi = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      const rel = keys[i] - min;
      hi[i] = Math.floor(rel / 2 ** 20);
      lo[i] = rel - hi[i] * 2 ** 20;
    }
    let spare = new Uint32Array(n);
    const counts = new Uint32Array(1024);
    for (let pass = 0; pass < 4; pass++) {
      const digits = pass < 2 ? lo : hi;
      const shift = (pass & 1) * 10;
      counts.fill(0);
      for (let i = 0; i < n; i++) counts[(digits[i] >>> shift) & 1023]++;
      let sum = 0;
      for (let b = 0; b < 1024; b++) {
        const c = counts[b];
        counts[b] = sum;
        sum += c;
      }
      for (let i = 0; i < n; i++) {
        const x = order[i];
        spare[counts[(digits[x] >>> shift) & 1023]++] = x;
      }
      [order, spare] = [spare, order];
    }
    return order;
  }

  private grow(): void {
    const keys = new Float64Array(this.keys.length * 2);
    keys.set(this.keys);
    this.keys = keys;
    const ids = new Int32Array(this.ids.length * 2);
    ids.set(this.ids);
    this.ids = ids;
  }
}
