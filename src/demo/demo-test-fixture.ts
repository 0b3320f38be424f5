// Test helper: runs a small demo through both sink forms and keeps what the tests look at (the
// records as objects, the NDJSON lines, a hash of the NDJSON bytes).
import { createHash } from 'node:crypto';
import { ALL_KINDS, type LogKind } from '../model/log-kinds.ts';
import { generateDemo, type DemoOptions, type DemoSummary } from './generate.ts';

export const SMALL: DemoOptions = { seed: 7, users: 200, days: 7, endDate: '2025-03-08T00:00:00Z', attacks: false };

export interface CapturedDemo {
  readonly summary: DemoSummary;
  /** The summary of the NDJSON run (the same as `summary`, tested). */
  readonly ndjsonSummary: DemoSummary;
  /** From the object sink. */
  readonly records: Record<LogKind, Record<string, unknown>[]>;
  /** From the NDJSON sink: each record's exact JSON (what an NDJSON file holds), per kind. */
  readonly lines: Record<LogKind, string[]>;
  /** sha256 of the NDJSON bytes per kind. */
  readonly hashes: Record<LogKind, string>;
  /** Records whose NDJSON line differs from JSON.stringify of their object (should be none). */
  readonly jsonMismatches: number;
}

const byKind = <T>(f: (kind: LogKind) => T) => Object.fromEntries(ALL_KINDS.map((k) => [k, f(k)])) as Record<LogKind, T>;

/** `checkJson` compares every NDJSON line with JSON.stringify of its object (slow; one test file does it). */
export async function captureDemo(opts: DemoOptions, checkJson = false): Promise<CapturedDemo> {
  const records = byKind((): Record<string, unknown>[] => []);
  const summary = await generateDemo(opts, { write: (kind, record) => void records[kind].push(record) });
  const chunks = byKind((): Buffer[] => []);
  // Chunks are lent (their buffers are reused), so they are copied.
  const ndjsonSummary = await generateDemo(opts, { writeNdjson: (kind, chunk) => void chunks[kind].push(Buffer.from(chunk)) });
  const bytes = byKind((k) => Buffer.concat(chunks[k]));
  const lines = byKind((k) => bytes[k].toString('utf8').split('\n').slice(0, -1));
  let jsonMismatches = 0;
  if (checkJson) {
    for (const k of ALL_KINDS) {
      jsonMismatches += Math.abs(lines[k].length - records[k].length);
      records[k].forEach((r, i) => (jsonMismatches += lines[k][i] === JSON.stringify(r) ? 0 : 1));
    }
  }
  const hashes = byKind((k) => createHash('sha256').update(bytes[k]).digest('hex'));
  return { summary, ndjsonSummary, records, lines, hashes, jsonMismatches };
}
