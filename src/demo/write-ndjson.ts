// A sink writing one NDJSON file per kind, and the `idtrail demo --out DIR` entry with a progress bar.
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import cliProgress from 'cli-progress';
import { ALL_KINDS } from '../model/log-kinds.ts';
import { generateDemo, type DemoOptions, type DemoRecordSink, type DemoSummary } from './generate.ts';
import { LineBuffer } from './line-buffer.ts';

export interface NdjsonSink extends DemoRecordSink {
  close(): Promise<void>;
}

/** Lines are batched into ~1 MiB writes; `write` returns a promise only when a stream needs draining. */
export function createNdjsonSink(dir: string): NdjsonSink {
  const files = new Map(ALL_KINDS.map((kind) => [kind, {
    stream: createWriteStream(join(dir, `${kind}.ndjson`)), lines: new LineBuffer(),
  }]));
  const send = (stream: WriteStream, bytes: Buffer): Promise<void> | undefined =>
    stream.write(bytes) ? undefined : once(stream, 'drain').then(() => undefined);
  return {
    write(kind, record, json) {
      const f = files.get(kind)!;
      const full = f.lines.append(json ?? JSON.stringify(record));
      return full ? send(f.stream, full) : undefined;
    },
    async close() {
      for (const { stream, lines } of files.values()) {
        if (lines.size > 0) await send(stream, lines.take());
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
