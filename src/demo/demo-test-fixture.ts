// Test helper: runs a small demo and keeps what the tests look at (records, a hash of the bytes).
import { createHash } from 'node:crypto';
import { ALL_KINDS, type LogKind } from '../model/log-kinds.ts';
import { generateDemo, type DemoOptions, type DemoSummary } from './generate.ts';

export const SMALL: DemoOptions = { seed: 7, users: 200, days: 7, endDate: '2025-03-08T00:00:00Z', attacks: false };

export interface CapturedDemo {
  readonly summary: DemoSummary;
  readonly records: Record<LogKind, Record<string, unknown>[]>;
  /** Each record's exact JSON (what an NDJSON file holds), per kind. */
  readonly lines: Record<LogKind, string[]>;
  /** sha256 of the NDJSON bytes per kind. */
  readonly hashes: Record<LogKind, string>;
  /** Sign-ins whose precomputed JSON differed from JSON.stringify(record) (should be none). */
  readonly jsonMismatches: number;
}

/** `checkJson` compares each precomputed sign-in line with JSON.stringify (slow; one test file does it). */
export async function captureDemo(opts: DemoOptions, checkJson = false): Promise<CapturedDemo> {
  const records = Object.fromEntries(ALL_KINDS.map((k) => [k, []])) as unknown as Record<LogKind, Record<string, unknown>[]>;
  const lines = Object.fromEntries(ALL_KINDS.map((k) => [k, []])) as unknown as Record<LogKind, string[]>;
  let jsonMismatches = 0;
  const summary = await generateDemo(opts, {
    write(kind, record, json) {
      const line = json ?? JSON.stringify(record);
      if (checkJson && json !== undefined && json !== JSON.stringify(record)) jsonMismatches++;
      lines[kind].push(line);
      records[kind].push(record);
    },
  });
  const hashes = Object.fromEntries(ALL_KINDS.map((k) => [k, createHash('sha256').update(lines[k].join('\n')).digest('hex')])) as Record<LogKind, string>;
  return { summary, records, lines, hashes, jsonMismatches };
}
