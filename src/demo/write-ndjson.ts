// A sink writing one NDJSON file per kind, and the `idtrail demo --out DIR` entry with a progress bar.
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import cliProgress from 'cli-progress';
import { ALL_KINDS } from '../model/log-kinds.ts';
import { generateDemo, type DemoOptions, type DemoSummary } from './generate.ts';
import type { DemoNdjsonSink } from './demo-sink.ts';

export interface NdjsonSink extends DemoNdjsonSink {
  close(): Promise<void>;
}

/**
 * Up to this many bytes per file may wait for the disk while generation goes on: writes then
 * overlap generation (the stream gathers queued chunks into one writev) instead of alternating.
 */
const IN_FLIGHT = 16 << 20;

/** Chunks go straight to one stream per kind; `writeNdjson` returns a promise only when a stream needs draining. */
export function createNdjsonSink(dir: string): NdjsonSink {
  const streams = new Map(ALL_KINDS.map((kind) => [kind, createWriteStream(join(dir, `${kind}.ndjson`), { highWaterMark: IN_FLIGHT })]));
  const drained = (stream: WriteStream) => once(stream, 'drain').then(() => undefined);
  return {
    writeNdjson(kind, chunk) {
      const stream = streams.get(kind)!;
      return stream.write(chunk) ? undefined : drained(stream);
    },
    async close() {
      for (const stream of streams.values()) {
        stream.end();
        await once(stream, 'finish');
      }
    },
  };
}

/** Generate a demo tenant into `dir`: `<kind>.ndjson` per kind, `ground-truth.json`, `expected.json`. */
export async function runDemoToDir(opts: DemoOptions, dir: string, showProgress = process.stderr.isTTY): Promise<DemoSummary> {
  await mkdir(dir, { recursive: true });
  const sink = createNdjsonSink(dir);
  const bar = showProgress
    ? new cliProgress.SingleBar({ format: 'demo [{bar}] {percentage}% | {value}/{total} records | {eta_formatted} left' }, cliProgress.Presets.shades_classic)
    : null;
  bar?.start(1, 0);
  const summary = await generateDemo(opts, sink, (done, total) => {
    bar?.setTotal(total);
    bar?.update(done);
  });
  bar?.stop();
  await sink.close();
  await writeFile(join(dir, 'ground-truth.json'), JSON.stringify(summary.groundTruth, null, 2) + '\n');
  await writeFile(join(dir, 'expected.json'), JSON.stringify({ tenant: summary.tenant, counts: summary.counts, expected: summary.expected }, null, 2) + '\n');
  return summary;
}
