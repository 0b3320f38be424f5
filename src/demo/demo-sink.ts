// Where generated records go: as objects (tests, store loading) or as NDJSON bytes (files, HTTP
// ingest, benchmarks). Both forms are produced from the same scheduled events and drawn values, so
// a record's NDJSON line is exactly JSON.stringify of its object (tested for every record).
import type { LogKind } from '../model/log-kinds.ts';
import type { EntraClock } from './entra-time.ts';
import { ChunkPool, LineBuffer } from './line-buffer.ts';
import type { SignInDraw } from './sign-in-draw.ts';
import { createSignInLineWriter, signInLineBound } from './sign-in-line.ts';
import { createSignInRenderer, type SignInEvent, type SignInRenderer } from './sign-in-record.ts';
import type { TimedRecord } from './timed-record.ts';

export interface DemoRecordSink {
  /**
   * One record, in time order within its kind. Records share frozen nested objects: replace nested
   * values rather than mutating them.
   */
  write(kind: LogKind, record: Record<string, unknown>): void | Promise<void>;
}

export interface DemoNdjsonSink {
  /**
   * Whole NDJSON lines of one kind (each ending in a newline), in time order, in chunks of about
   * 1 MiB. This is the fast path: no record object is built.
   *
   * The chunk is lent: its bytes are the sink's until the returned promise settles, or until the
   * call returns if it returns nothing; then its buffer is reused for later lines, so a sink that
   * keeps bytes longer copies them.
   */
  writeNdjson(kind: LogKind, chunk: Buffer): void | Promise<void>;
  /**
   * How many chunks the sink may hold (unsettled promises) before generation waits for the oldest;
   * default IN_FLIGHT_CHUNKS, so a file sink's writes overlap generation. A sink whose promises are
   * backpressure (an ingest batch being committed) sets 1: generation then waits for each one.
   */
  readonly maxChunksHeld?: number;
}

export const IN_FLIGHT_CHUNKS = 16;

export type DemoSink = DemoRecordSink | DemoNdjsonSink;

/** What generateDemo hands each record to, whichever form the sink takes. */
export interface RecordEmitter {
  signIn(ev: SignInEvent, draw: SignInDraw): void | Promise<void>;
  other(r: TimedRecord): void | Promise<void>;
  /** Hands on whatever is still buffered. */
  finish(): Promise<void>;
}

export function createEmitter(sink: DemoSink, clock: EntraClock): RecordEmitter {
  return 'writeNdjson' in sink ? ndjsonEmitter(sink, clock) : objectEmitter(sink, clock);
}

function objectEmitter(sink: DemoRecordSink, clock: EntraClock): RecordEmitter {
  let render: SignInRenderer | null = null;
  return {
    signIn(ev, draw) {
      render ??= createSignInRenderer(ev, clock);
      return sink.write('signIns', render(ev, draw));
    },
    other: (r) => sink.write(r.kind, r.record),
    finish: async () => {},
  };
}

function ndjsonEmitter(sink: DemoNdjsonSink, clock: EntraClock): RecordEmitter {
  const writeLine = createSignInLineWriter(clock);
  const pool = new ChunkPool();
  const signIns = new LineBuffer(pool);
  const others = new Map<LogKind, LineBuffer>();
  const maxHeld = sink.maxChunksHeld ?? IN_FLIGHT_CHUNKS;
  const inFlight: Promise<void>[] = [];
  let failure: { error: unknown } | null = null;

  /** Hands a chunk to the sink; resolves at once unless too many chunks are still out. */
  const send = (kind: LogKind, chunk: Buffer): Promise<void> | undefined => {
    if (failure) throw failure.error;
    const held = sink.writeNdjson(kind, chunk);
    if (!held) {
      pool.release(chunk);
      return undefined;
    }
    // Failures are kept and rethrown by the next send or by finish, never left unhandled.
    inFlight.push(held.then(() => pool.release(chunk), (error: unknown) => void (failure ??= { error })));
    return inFlight.length >= maxHeld ? inFlight.shift() : undefined;
  };

  return {
    signIn(ev, draw) {
      const full = signIns.reserve(signInLineBound(ev));
      signIns.advance(writeLine(ev, draw, signIns.bytes, signIns.size));
      return full ? send('signIns', full) : undefined;
    },
    other(r) {
      let lines = others.get(r.kind);
      if (!lines) others.set(r.kind, (lines = new LineBuffer(pool)));
      const full = lines.append(JSON.stringify(r.record));
      return full ? send(r.kind, full) : undefined;
    },
    async finish() {
      for (const [kind, lines] of [['signIns', signIns] as const, ...others]) {
        if (lines.size > 0) await send(kind, lines.take());
      }
      await Promise.all(inFlight);
      if (failure) throw failure.error;
    },
  };
}
