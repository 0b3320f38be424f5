// `idtrail ingest <kind> <file|->`: send NDJSON or a JSON array to a running server in batches,
// with a progress bar, then print a summary. Exit 0 when all were accepted, 2 when some were
// rejected, 1 on failure.
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { findKind } from '../model/index.ts';
import { CliError } from './cli-error.ts';

interface IngestOpts {
  url: string;
  batchSize: string;
  token?: string;
  quiet?: boolean;
}

interface Totals {
  sent: number;
  accepted: number;
  duplicates: number;
  rejected: Array<{ index: number; reason: string }>;
}

export function registerIngestCommand(program: Command): void {
  program
    .command('ingest')
    .description('send records of one kind to a running idtrail server')
    .argument('<kind>', 'signIns | directoryAudits | customSecurityAttributeAudits | provisioning | signUps')
    .argument('<file>', "NDJSON or JSON array file, or '-' for standard input")
    .option('--url <url>', 'server base URL', process.env.IDTRAIL_URL ?? 'http://127.0.0.1:8080')
    .option('--batch-size <n>', 'records per request', '5000')
    .option('--token <token>', 'ingest credential (or IDTRAIL_TOKEN)', process.env.IDTRAIL_TOKEN)
    .option('-q, --quiet', 'no progress bar')
    .action(async (kind: string, file: string, o: IngestOpts) => {
      const code = await ingestFile(kind, file, o);
      process.exitCode = code;
    });
}

async function postBatch(url: string, kind: string, lines: string[], token: string | undefined, totals: Totals): Promise<void> {
  let res: Response;
  try {
    res = await fetch(`${url.replace(/\/$/, '')}/ingest/${kind}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: lines.join('\n'),
    });
  } catch (e) {
    throw new CliError(`cannot reach ${url}: ${(e as Error).cause ? String((e as Error).cause) : (e as Error).message}. Is 'idtrail serve' running?`);
  }
  const body = (await res.json().catch(() => null)) as
    | { accepted?: number; duplicates?: number; rejected?: Array<{ index: number; reason: string }>; error?: { message: string; details?: { rejected?: Array<{ index: number; reason: string }> } } }
    | null;
  if (res.status === 400 && body?.error?.details?.rejected) {
    for (const r of body.error.details.rejected) totals.rejected.push({ index: r.index + totals.sent, reason: r.reason });
  } else if (!res.ok || !body || body.error) {
    throw new CliError(`the server refused the batch (HTTP ${res.status}): ${body?.error?.message ?? 'no details'}`);
  } else {
    totals.accepted += body.accepted ?? 0;
    totals.duplicates += body.duplicates ?? 0;
    for (const r of body.rejected ?? []) totals.rejected.push({ index: r.index + totals.sent, reason: r.reason });
  }
  totals.sent += lines.length;
}

export async function ingestFile(kindName: string, file: string, o: IngestOpts): Promise<number> {
  const def = findKind(kindName);
  if (!def) throw new CliError(`unknown kind '${kindName}': use signIns, directoryAudits, customSecurityAttributeAudits, provisioning or signUps`);
  const batchSize = Number(o.batchSize);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new CliError(`--batch-size must be a positive whole number`);
  const totalBytes = file === '-' ? 0 : (() => {
    try {
      return statSync(file).size;
    } catch (e) {
      throw new CliError(`cannot read ${file}: ${(e as Error).message}`);
    }
  })();
  const bar = !o.quiet && process.stderr.isTTY && totalBytes
    ? new cliProgress.SingleBar({ format: 'ingest {bar} {percentage}% | {value}/{total} bytes | {records} records', stream: process.stderr }, cliProgress.Presets.shades_classic)
    : null;
  bar?.start(totalBytes, 0, { records: 0 });
  const totals: Totals = { sent: 0, accepted: 0, duplicates: 0, rejected: [] };
  let bytes = 0;
  let lines: string[] = [];
  const flush = async () => {
    if (!lines.length) return;
    const batch = lines;
    lines = [];
    await postBatch(o.url, def.collection, batch, o.token, totals);
    bar?.update(bytes, { records: totals.sent });
    if (!bar && !o.quiet) process.stderr.write(`\r${totals.sent} records sent`);
  };
  const firstChar = file === '-' ? '' : readFileSync(file, { encoding: 'utf8', flag: 'r' }).slice(0, 64).trimStart()[0];
  if (firstChar === '[') {
    const arr = JSON.parse(readFileSync(file, 'utf8')) as unknown[];
    if (!Array.isArray(arr)) throw new CliError(`${file} is not a JSON array`);
    for (const r of arr) {
      lines.push(JSON.stringify(r));
      if (lines.length >= batchSize) await flush();
    }
    bytes = totalBytes;
  } else {
    const input = file === '-' ? process.stdin : createReadStream(file);
    const rl = createInterface({ input, crlfDelay: Infinity });
    for await (const line of rl) {
      bytes += Buffer.byteLength(line) + 1;
      if (line.trim() === '') continue;
      lines.push(line);
      if (lines.length >= batchSize) await flush();
    }
  }
  await flush();
  bar?.stop();
  if (!bar && !o.quiet) process.stderr.write('\n');
  console.log(`${def.collection}: ${totals.sent} sent, ${totals.accepted} accepted, ${totals.duplicates} duplicates, ${totals.rejected.length} rejected`);
  for (const r of totals.rejected.slice(0, 10)) console.log(`  record ${r.index}: ${r.reason}`);
  if (totals.rejected.length > 10) console.log(`  … and ${totals.rejected.length - 10} more`);
  return totals.rejected.length ? 2 : 0;
}
