// A built record waiting in its day bucket to be sorted and emitted.
import type { LogKind } from '../model/log-kinds.ts';

export interface TimedRecord {
  readonly kind: Exclude<LogKind, 'signIns'>;
  /** Sort key from the EntraClock. */
  readonly k: number;
  readonly record: Record<string, unknown>;
  /** Ground-truth attack id, when planted. */
  readonly tag: string | null;
}

/** Generators of the smaller kinds produce whole UTC days of records. */
export interface DayGenerator {
  day(day: number, push: (r: TimedRecord) => void): void;
}
