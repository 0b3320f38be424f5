// Prometheus metrics. A registry per process (never prom-client's global one), created here and
// passed to whoever records, so tests get a fresh registry and two apps never share counters.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { IdFilterStats, SpoolStats } from '../store/log-store.ts';

export interface Metrics {
  readonly registry: Registry;
  readonly httpDuration: Histogram<'method' | 'route' | 'status_code'>;
  readonly ingestRecords: Counter<'kind' | 'outcome'>;
  readonly ingestBytes: Counter<'kind' | 'outcome'>;
  readonly retentionDeleted: Counter<'kind'>;
  readonly jobRuns: Counter<'job'>;
  readonly jobFailures: Counter<'job'>;
  readonly jobDuration: Histogram<'job'>;
  /** Report a queue's depth at each scrape (store writes, sink outboxes…). */
  registerQueue(name: string, depth: () => number | Promise<number>): void;
  /** Report the page reader's record cache at each scrape. */
  registerRecordCache(stats: () => { bytes: number; entries: number; hits: number; misses: number }): void;
  /** Report the page reader's remembered page keys at each scrape. */
  registerPageKeys(stats: () => { entries: number; keys: number; hits: number; misses: number }): void;
  /** Report the store's duplicate-id filters at each scrape. */
  registerIdFilters(stats: () => IdFilterStats): void;
  /** Report the ingest spool (acknowledged batches not loaded yet, loads, batches set aside). */
  registerSpool(stats: () => SpoolStats): void;
  /** Report store size at each scrape. */
  registerStore(stats: () => Promise<{ bytesOnDisk: number | null; records: Record<string, number> }>): void;
  /** Run a background job, counting runs, failures and duration; rethrows the job's error. */
  runJob<T>(job: string, fn: () => Promise<T>): Promise<T>;
  /** Prometheus text exposition of every metric. */
  render(): Promise<string>;
}

export interface MetricsOptions {
  /** Process metrics (CPU, memory, event loop lag, GC); off in tests for speed. */
  readonly processMetrics?: boolean;
}

// Seconds; tuned for an API whose answers take from a millisecond to tens of seconds.
const LATENCY_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

export function createMetrics(opts: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  if (opts.processMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'idtrail_' });
  const registers = [registry];
  const queues = new Map<string, () => number | Promise<number>>();
  let storeStats: (() => Promise<{ bytesOnDisk: number | null; records: Record<string, number> }>) | null = null;
  let cacheStats: (() => { bytes: number; entries: number; hits: number; misses: number }) | null = null;
  let filterStats: (() => IdFilterStats) | null = null;
  let spoolStats: (() => SpoolStats) | null = null;
  let pageKeyStats: (() => { entries: number; keys: number; hits: number; misses: number }) | null = null;

  const httpDuration = new Histogram({
    name: 'idtrail_http_request_duration_seconds',
    help: 'HTTP request latency by route pattern (Graph reads, ingest, queries, admin).',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const ingestRecords = new Counter({
    name: 'idtrail_ingest_records_total',
    help: 'Ingested records by kind and outcome (accepted: durably stored; duplicate: already stored; rejected: invalid).',
    labelNames: ['kind', 'outcome'] as const,
    registers,
  });
  const ingestBytes = new Counter({
    name: 'idtrail_ingest_bytes_total',
    help: 'Ingest request body bytes (as sent, before gzip decoding) by kind and outcome (accepted: 200 answer; rejected: refused batch).',
    labelNames: ['kind', 'outcome'] as const,
    registers,
  });
  const retentionDeleted = new Counter({ name: 'idtrail_retention_deleted_records_total', help: 'Records deleted by retention, by kind.', labelNames: ['kind'] as const, registers });
  const jobRuns = new Counter({ name: 'idtrail_job_runs_total', help: 'Background job runs, by job.', labelNames: ['job'] as const, registers });
  const jobFailures = new Counter({ name: 'idtrail_job_failures_total', help: 'Background job runs that failed, by job.', labelNames: ['job'] as const, registers });
  const jobDuration = new Histogram({ name: 'idtrail_job_duration_seconds', help: 'Background job run time, by job.', labelNames: ['job'] as const, buckets: LATENCY_BUCKETS, registers });

  new Gauge({
    name: 'idtrail_queue_depth',
    help: 'Items waiting in a queue (store: ingest batches waiting for the store writer).',
    labelNames: ['queue'] as const,
    registers,
    async collect() {
      this.reset();
      for (const [name, depth] of queues) this.set({ queue: name }, await depth());
    },
  });
  new Gauge({
    name: 'idtrail_store_size_bytes',
    help: 'Size of the store on disk.',
    registers,
    async collect() {
      const s = storeStats ? await storeStats().catch(() => null) : null;
      if (s?.bytesOnDisk != null) this.set(s.bytesOnDisk);
    },
  });
  new Gauge({
    name: 'idtrail_store_records',
    help: 'Records stored, by kind.',
    labelNames: ['kind'] as const,
    registers,
    async collect() {
      const s = storeStats ? await storeStats().catch(() => null) : null;
      for (const [kind, n] of Object.entries(s?.records ?? {})) this.set({ kind }, n);
    },
  });

  // A cache's size (a gauge) and its lookups by outcome (a counter), read from its stats at each scrape.
  const cacheMetrics = (name: string, sizeHelp: string, lookupsHelp: string, stats: () => (() => { size: number; hits: number; misses: number }) | null) => {
    new Gauge({
      name, help: sizeHelp, registers,
      collect() {
        const s = stats();
        if (s) this.set(s().size);
      },
    });
    new Counter({
      name: `${name.replace(/_bytes$/, '')}_lookups_total`, help: lookupsHelp, labelNames: ['outcome'] as const, registers,
      collect() {
        const s = stats()?.();
        if (!s) return;
        this.reset();
        this.inc({ outcome: 'hit' }, s.hits);
        this.inc({ outcome: 'miss' }, s.misses);
      },
    });
  };
  cacheMetrics('idtrail_record_cache_bytes', 'Memory held by decoded records that list pages serve without reading the store.',
    'Record cache lookups by list pages, by outcome (hit: served from memory; miss: read from the store).',
    () => cacheStats && (() => { const s = cacheStats!(); return { size: s.bytes, hits: s.hits, misses: s.misses }; }));
  cacheMetrics('idtrail_page_keys', 'Keys of list pages remembered by the page reader (time, id and sequence of each record on a page).',
    'List pages looked up among the remembered page keys, by outcome (hit: only records newer than the entry were queried; miss: the page was computed).',
    () => pageKeyStats && (() => { const s = pageKeyStats!(); return { size: s.keys, hits: s.hits, misses: s.misses }; }));

  new Gauge({
    name: 'idtrail_id_filter_bytes',
    help: 'Memory held by the duplicate-id filters of the stored logs (one per kind and tenant).',
    registers,
    collect() {
      if (filterStats) this.set(filterStats().bytes);
    },
  });
  new Gauge({
    name: 'idtrail_id_filters',
    help: 'Duplicate-id filters in memory (logs, by kind and tenant, loaded since the start).',
    registers,
    collect() {
      if (filterStats) this.set(filterStats().filters);
    },
  });
  new Counter({
    name: 'idtrail_id_filter_loads_total',
    help: 'Duplicate-id filter loads begun, by origin (append: an ingest batch waited for it; warm_start: loaded in the background after the start).',
    labelNames: ['origin'] as const,
    registers,
    collect() {
      if (!filterStats) return;
      const s = filterStats().loads;
      this.reset();
      this.inc({ origin: 'append' }, s.append);
      this.inc({ origin: 'warm_start' }, s.warmStart);
    },
  });

  const spoolGauge = (name: string, help: string, value: (s: SpoolStats) => number) =>
    new Gauge({ name, help, registers, collect() { if (spoolStats) this.set(value(spoolStats())); } });
  spoolGauge('idtrail_spool_backlog_rows', 'Acknowledged records in the ingest spool, not yet loaded into the store (readers wait for them).', (s) => s.rows);
  spoolGauge('idtrail_spool_backlog_bytes', 'Bytes of the acknowledged batches in the ingest spool, not yet loaded.', (s) => s.bytes);
  const spoolCounter = (name: string, help: string, value: (s: SpoolStats) => number) =>
    new Counter({ name, help, registers, collect() { if (!spoolStats) return; this.reset(); this.inc(value(spoolStats())); } });
  spoolCounter('idtrail_spool_loads_total', 'Loads of spooled batches into the store (each one transaction, often many batches).', (s) => s.loads);
  spoolCounter('idtrail_spool_loaded_batches_total', 'Spooled batches loaded into the store (or set aside) since the start.', (s) => s.loadedBatches);
  spoolCounter('idtrail_spool_set_aside_batches_total',
    'Ingest batches the store refused even alone, kept in the spool\'s failed/ directory (acknowledged ones with ack=durable: records lost to reads). Alert on any.', (s) => s.quarantined);

  return {
    registry, httpDuration, ingestRecords, ingestBytes, retentionDeleted, jobRuns, jobFailures, jobDuration,
    registerQueue(name, depth) {
      queues.set(name, depth);
    },
    registerRecordCache(stats) {
      cacheStats = stats;
    },
    registerIdFilters(stats) {
      filterStats = stats;
    },
    registerSpool(stats) {
      spoolStats = stats;
    },
    registerPageKeys(stats) {
      pageKeyStats = stats;
    },
    registerStore(stats) {
      // Both store gauges ask at each scrape (concurrently); one stats() call serves them.
      let inFlight: ReturnType<typeof stats> | null = null;
      storeStats = () => (inFlight ??= stats().finally(() => setImmediate(() => (inFlight = null))));
    },
    async runJob(job, fn) {
      jobRuns.inc({ job });
      const end = jobDuration.startTimer({ job });
      try {
        return await fn();
      } catch (e) {
        jobFailures.inc({ job });
        throw e;
      } finally {
        end();
      }
    },
    render: () => registry.metrics(),
  };
}
