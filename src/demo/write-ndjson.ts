// A sink writing one NDJSON file per kind, and the `idtrail demo --out DIR` entry with a progress bar.
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import cliProgress from 'cli-progress';
import { ALL_KINDS } from '../model/log-kinds.ts';
import { generateDemo, type DemoOptions, type DemoSummary } from './generate.ts';
import type { DemoNdjsonSink } from './demo-sink.ts';

export interface NdjsonSink extends DemoNdjsonSink {
  close(): Promise<void>;
}

/**
 * One write stream per kind. Each chunk is handed back once the stream has written it, so the
 * generator reuses its buffer; meanwhile generation goes on (the generator keeps several chunks
 * out, which the stream gathers into one writev) instead of waiting for each write.
 */
export function createNdjsonSink(dir: string): NdjsonSink {
  const streams = new Map(ALL_KINDS.map((kind) => [kind, createWriteStream(join(dir, `${kind}.ndjson`))]));
  let failure: Error | null = null;
  for (const stream of streams.values()) stream.on('error', (e) => void (failure ??= e));
  return {
    writeNdjson(kind, chunk) {
      return new Promise((resolve, reject) => {
        streams.get(kind)!.write(chunk, (e) => (e ? reject(e) : resolve()));
      });
    },
    async close() {
      for (const stream of streams.values()) {
        stream.end();
        await new Promise<void>((resolve) => (stream.closed ? resolve() : stream.once('close', resolve)));
      }
      if (failure) throw failure;
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
