// HTTP ingest clients on a thread of their own, as real senders are: clients sharing the server's
// event loop delayed its request handling by their own JS turns, and their fetch() work counted as
// the server's. CPU still counts for the whole process (process.cpuUsage covers every thread), so
// the figures stay "server + clients" on this 2-core machine.
//   postBodies(base, bodies, clients, query)           prepared NDJSON bodies, each sent once
//   postFile(base, file, batch, records, clients, query) NDJSON lines of a file, in batches
// `query`: appended to /ingest/signIns (for example '?ack=durable').
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { lineBatches } from './dataset.ts';

interface Job {
  readonly base: string;
  readonly clients: number;
  readonly query: string;
  readonly bodies?: readonly string[];
  readonly file?: { readonly path: string; readonly batch: number; readonly records: number };
}

export interface ClientResult {
  readonly accepted: number;
}

function run(job: Job): Promise<ClientResult> {
  return new Promise((resolve, reject) => {
    // The loader hooks tsx registers are per thread: the worker registers them before importing this file.
    const boot = `import('tsx/esm/api').then((t) => { t.register(); return import(${JSON.stringify(import.meta.url)}); })`;
    const w = new Worker(boot, { eval: true, workerData: job });
    let result: ClientResult | null = null;
    w.on('message', (m: ClientResult) => (result = m));
    w.on('error', reject);
    w.on('exit', (code) => (result ? resolve(result) : reject(new Error(`HTTP client thread exited with ${code}`))));
  });
}

export function postBodies(base: string, bodies: readonly string[], clients: number, query = ''): Promise<ClientResult> {
  return run({ base, bodies, clients, query });
}

export function postFile(base: string, path: string, batch: number, records: number, clients: number, query = ''): Promise<ClientResult> {
  return run({ base, file: { path, batch, records }, clients, query });
}

async function clientThread(job: Job): Promise<ClientResult> {
  let accepted = 0;
  let next = 0;
  const gen = job.file ? lineBatches(job.file.path, job.file.batch, job.file.records) : null;
  const take = async (): Promise<string[] | string | null> => {
    if (gen) {
      const n = await gen.next(); // generators queue concurrent next() calls, so each batch goes once
      return n.done ? null : n.value;
    }
    return next < job.bodies!.length ? job.bodies![next++]! : null;
  };
  const client = async () => {
    for (let b = await take(); b !== null; b = await take()) {
      const body = typeof b === 'string' ? b : b.join('\n');
      const res = await fetch(`${job.base}/ingest/signIns${job.query}`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body });
      const r = (await res.json()) as { accepted?: number };
      if (!res.ok) throw new Error(`ingest HTTP ${res.status}: ${JSON.stringify(r).slice(0, 300)}`);
      accepted += r.accepted ?? 0;
    }
  };
  await Promise.all(Array.from({ length: job.clients }, client));
  return { accepted };
}

if (!isMainThread && parentPort && (workerData as Job | undefined)?.base) {
  clientThread(workerData as Job).then(
    (r) => parentPort!.postMessage(r),
    (e: unknown) => {
      throw e;
    },
  );
}
