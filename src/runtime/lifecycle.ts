// The process's phase (starting → ready → stopping → stopped), what /readyz reports from it, and
// the order of a graceful stop: report not-ready, optionally keep serving while load balancers
// notice, stop accepting and finish in-flight requests (ingest batches ack only after commit),
// then drain and close the store.
import type { FastifyInstance } from 'fastify';
import type { LogStore } from '../store/index.ts';
import { checkStore, type Readiness } from '../api/ops-routes.ts';

export type Phase = 'starting' | 'ready' | 'stopping' | 'stopped';

export interface Lifecycle {
  readonly phase: Phase;
  markReady(): void;
  readiness(): Promise<Readiness>;
  /** Idempotent: the second call returns the first call's promise. */
  stop(opts?: { drainDelayMs?: number }): Promise<void>;
}

export function createLifecycle(deps: { app: () => FastifyInstance; store: LogStore; sleep?: (ms: number) => Promise<void>; beforeStoreClose?: () => Promise<void> }): Lifecycle {
  let phase: Phase = 'starting';
  let stopping: Promise<void> | null = null;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  return {
    get phase() {
      return phase;
    },
    markReady() {
      if (phase === 'starting') phase = 'ready';
    },
    async readiness() {
      // The store is opened (and its schema migrated) before the app exists, so a reachable
      // store here means migrations are applied; it is still asked, to catch a lost backend.
      const store = phase === 'stopped' ? { ok: false, detail: 'closed' } : await checkStore(deps.store);
      const lifecycle = phase === 'ready' ? { ok: true } : { ok: false, detail: phase };
      return { ready: store.ok && lifecycle.ok, phase, checks: { lifecycle, store, migrations: { ok: store.ok } } };
    },
    stop(opts = {}) {
      stopping ??= (async () => {
        phase = 'stopping';
        if (opts.drainDelayMs) await sleep(opts.drainDelayMs);
        const app = deps.app();
        // server.close() drops only the keep-alive connections idle at that moment; one that
        // finishes its in-flight request afterwards would hold the close open until its
        // keep-alive timeout (72 s), so idle ones are swept until the server is closed.
        const sweep = setInterval(() => app.server.closeIdleConnections?.(), 50);
        try {
          await app.close();
        } finally {
          clearInterval(sweep);
        }
        // Background jobs (retention) and key caches stop before the store they use closes.
        await deps.beforeStoreClose?.();
        await deps.store.close();
        phase = 'stopped';
      })();
      return stopping;
    },
  };
}
