// A real idtrail server on a temp data dir, seeded with a generated demo tenant through the public
// ingest API, listening on a free port. The browser tests and the load-time probe use it.
import type { AddressInfo } from 'node:net';
import { generateDemo, type DemoOptions, type DemoSummary } from '../demo/index.ts';
import type { LogKind } from '../model/index.ts';
import { createRuntime, type Runtime } from '../runtime/runtime.ts';
import { tempDir } from './temp-dir.ts';

export interface DemoServer {
  readonly url: string;
  readonly summary: DemoSummary;
  readonly runtime: Runtime;
  /** Milliseconds spent generating and ingesting. */
  readonly seedMs: number;
  close(): Promise<void>;
}

/** NDJSON bytes per ingest request (about 3,000 sign-ins). */
const BATCH_BYTES = 16 << 20;

export async function startDemoServer(opts: Partial<DemoOptions> = {}): Promise<DemoServer> {
  const dir = tempDir('idtrail-web-e2e-');
  const runtime = await createRuntime({ dataDir: dir.path, logger: false, metrics: null });
  await runtime.app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(runtime.app.server.address() as AddressInfo).port}`;
  const t0 = performance.now();
  const pending = new Map<LogKind, { chunks: Buffer[]; bytes: number }>();
  const flush = async (kind: LogKind) => {
    const p = pending.get(kind);
    if (!p?.chunks.length) return;
    pending.delete(kind);
    const res = await fetch(`${url}/ingest/${kind}`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: Buffer.concat(p.chunks) });
    if (!res.ok) throw new Error(`ingest ${kind}: ${res.status} ${await res.text()}`);
  };
  const summary = await generateDemo(
    { seed: 42, users: 150, days: 7, endDate: new Date().toISOString(), attacks: true, ...opts },
    {
      maxChunksHeld: 1, // one request at a time
      async writeNdjson(kind, chunk) {
        let p = pending.get(kind);
        if (!p) pending.set(kind, (p = { chunks: [], bytes: 0 }));
        p.chunks.push(Buffer.from(chunk)); // lent: its buffer is reused
        p.bytes += chunk.length;
        if (p.bytes >= BATCH_BYTES) await flush(kind);
      },
    },
  );
  for (const kind of [...pending.keys()]) await flush(kind);
  const seedMs = Math.round(performance.now() - t0);
  return {
    url, summary, runtime, seedMs,
    async close() {
      await runtime.close();
      dir.remove();
    },
  };
}
