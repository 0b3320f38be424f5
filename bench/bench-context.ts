// What a section bench receives. bench/odata-bench.ts (odataSection), reports-bench.ts (benchReports)
// and kql-bench.ts (kqlSection) are called with this and return Figure[] (see figures.ts): a latency
// figure has value = p50 ms, p99, floor = hand-written SQL p50 on ctx.store (same file, same run)
// and, when ctx.peer is set, peer = the PostgreSQL p50 for the same question.
import type { DuckDbStore } from '../src/store/index.ts';
import type { Dataset } from './dataset.ts';
import type { Latency } from './bench-stats.ts';
import type { Figure } from './figures.ts';

export interface PeerDb {
  /** Runs SQL on the peer (schema B `signins_b`, schema A `events_a`); resolves to row objects. */
  query(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  /** Schema B's bytes on disk per sign-in (table, TOAST and indexes). */
  readonly bytesPerRecord?: number;
}

export interface BenchContext {
  readonly dataset: Dataset;
  /** The runtime's own store: raw SQL here is the engine floor. */
  readonly store: DuckDbStore;
  /** http://127.0.0.1:PORT of a runtime serving the dataset (tenant below, local mode). */
  readonly baseUrl: string;
  readonly tenantId: string;
  readonly runs: number;
  readonly quick: boolean;
  readonly peer: PeerDb | null;
  readonly log: (s: string) => void;
  /** Warm up, then time `runs` calls. */
  time(fn: () => Promise<unknown>): Promise<Latency>;
  /** GET a path on the runtime; throws with the Graph error on a non-2xx answer. */
  get(path: string): Promise<unknown>;
}

export type SectionBench = (ctx: BenchContext) => Promise<Figure[]>;
