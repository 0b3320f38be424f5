// `idtrail ingest [kind] <file|-> [--format X]`: send NDJSON, a JSON array or one JSON document
// (a Graph list page, an Event Hub `{"records":[…]}` message…) to a running server in batches, with
// a progress bar, then print a summary. Exit 0 when all were accepted, 2 when some were rejected,
// 1 on failure. Envelopes in a whole-document file are opened here so batches stay of batch size;
// the server maps native events (`--format`) to Graph records. Without a kind, batches go to the
// routed endpoint (POST /ingest), which stores each event in its own kind; the summary is per kind.
import { closeSync, createReadStream, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { findKind } from '../model/index.ts';
import { DEFAULT_FORMAT, findFormat, IngestError, INGEST_FORMATS, type FormatAdapter } from '../ingest/index.ts';
import { CliError } from './cli-error.ts';
import { ACK_MODES } from '../store/log-store.ts';

interface IngestOpts {
  url: string;
  batchSize: string;
  token?: string;
  quiet?: boolean;
  format?: string;
  ack?: string;
}

interface Totals {
  sent: number;
  accepted: number;
  duplicates: number;
  rejected: Array<{ index: number; reason: string }>;
  /** Routed batches: collection → counts, summed over batches. */
  kinds: Map<string, { accepted: number; duplicates: number; rejected: number }>;
}

interface BatchAnswer {
  received?: number;
  accepted?: number;
  duplicates?: number;
  rejected?: Array<{ index: number; reason: string }>;
  kinds?: Record<string, { accepted?: number; duplicates?: number; rejected?: number }>;
  error?: { message: string; details?: { received?: number; rejected?: Array<{ index: number; reason: string }>; kinds?: BatchAnswer['kinds'] } };
}

export function registerIngestCommand(program: Command): void {
  program
    .command('ingest')
    .description('send records to a running idtrail server: of one kind, or (no kind) each event to the kind its format says')
    .usage('[kind] <file|-> [options]')
    .argument('<kind-or-file>', 'signIns | directoryAudits | customSecurityAttributeAudits | provisioning | signUps; omit it to route each event by its kind')
    .argument('[file]', "NDJSON, JSON array or JSON document file, or '-' for standard input")
    .option('--url <url>', 'server base URL', process.env.IDTRAIL_URL ?? 'http://127.0.0.1:8080')
    .option('--batch-size <n>', 'records per request', '5000')
    .option('--token <token>', 'ingest credential (or IDTRAIL_TOKEN)', process.env.IDTRAIL_TOKEN)
    .option('--format <format>', `event format: ${INGEST_FORMATS.join(' | ')}`, DEFAULT_FORMAT)
    .option('--ack <mode>', 'visible: each batch answered once readable; durable: once on disk, readable a moment later (faster)', 'visible')
    .option('-q, --quiet', 'no progress bar')
    .action(async (first: string, second: string | undefined, o: IngestOpts) => {
      // One argument is the file (routed); two are the kind and the file, as before.
      if (second === undefined && findKind(first) && first !== '-' && !existsSync(first)) {
        throw new CliError(`no file given: idtrail ingest ${first} <file|->, or idtrail ingest <file|-> to route each event by its kind`);
      }
      const code = second === undefined ? await ingestFile(null, first, o) : await ingestFile(first, second, o);
      process.exitCode = code;
    });
}

function addKinds(totals: Totals, kinds: BatchAnswer['kinds']): void {
  for (const [name, k] of Object.entries(kinds ?? {})) {
    const t = totals.kinds.get(name) ?? { accepted: 0, duplicates: 0, rejected: 0 };
    t.accepted += k.accepted ?? 0;
    t.duplicates += k.duplicates ?? 0;
    t.rejected += k.rejected ?? 0;
    totals.kinds.set(name, t);
  }
}

/** `path`: `/ingest/<collection>`, or `/ingest` for the routed endpoint. */
async function postBatch(url: string, path: string, params: URLSearchParams, lines: string[], token: string | undefined, totals: Totals): Promise<void> {
  let res: Response;
  const query = params.size ? `?${params}` : '';
  try {
    res = await fetch(`${url.replace(/\/$/, '')}${path}${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: lines.join('\n'),
    });
  } catch (e) {
    throw new CliError(`cannot reach ${url}: ${(e as Error).cause ? String((e as Error).cause) : (e as Error).message}. Is 'idtrail serve' running?`);
  }
  const body = (await res.json().catch(() => null)) as BatchAnswer | null;
  // The server counts records after opening envelopes (a line may be a whole Event Hub message),
  // so its `received` is what advances the record numbering.
  let received = lines.length;
  if (res.status === 400 && body?.error?.details?.rejected) {
    for (const r of body.error.details.rejected) totals.rejected.push({ index: r.index + totals.sent, reason: r.reason });
    received = body.error.details.received ?? received;
    addKinds(totals, body.error.details.kinds);
  } else if (!res.ok || !body || body.error) {
    // A partial commit (503) stops here too: the batch is resent whole by running the command again.
    throw new CliError(`the server refused the batch (HTTP ${res.status}): ${body?.error?.message ?? 'no details'}`);
  } else {
    totals.accepted += body.accepted ?? 0;
    totals.duplicates += body.duplicates ?? 0;
    for (const r of body.rejected ?? []) totals.rejected.push({ index: r.index + totals.sent, reason: r.reason });
    received = body.received ?? received;
    addKinds(totals, body.kinds);
  }
  totals.sent += received;
}

/** The events of a whole-document file: an array's items, or an envelope's members, or the document. */
function documentEvents(doc: unknown, adapter: FormatAdapter, routed: boolean): unknown[] {
  const items = Array.isArray(doc) ? doc : [doc];
  // Routed, a member sent on alone must still say the kind its envelope named (a Graph page's context).
  return items.flatMap((i) => (routed && adapter.detach ? adapter.detach(i) : adapter.unwrap(i)) ?? [i]);
}

/** ` | signIns 120, directoryAudits 4`: records stored so far per kind, for the routed progress bar. */
function kindsLine(totals: Totals): string {
  const parts = [...totals.kinds].map(([name, k]) => `${name} ${k.accepted + k.duplicates}`);
  return parts.length ? ` | ${parts.join(', ')}` : '';
}

/** A file that starts with `{` is NDJSON when its first line is a JSON value on its own, else one (pretty-printed) document. */
function isWholeDocument(file: string): boolean {
  // Only the head is read: an NDJSON file may be far larger than memory.
  const buf = Buffer.alloc(1 << 20);
  const fd = openSync(file, 'r');
  let n: number;
  try {
    n = readSync(fd, buf, 0, buf.length, 0);
  } finally {
    closeSync(fd);
  }
  const head = buf.subarray(0, n).toString('utf8').trimStart();
  if (head[0] === '[') return true;
  if (head[0] !== '{') return false;
  const nl = head.indexOf('\n');
  try {
    JSON.parse(nl < 0 ? head : head.slice(0, nl));
    return false;
  } catch {
    return true;
  }
}

/** `kindName` null: each event goes to the kind its format classifies it as (POST /ingest). */
export async function ingestFile(kindName: string | null, file: string, o: IngestOpts): Promise<number> {
  const def = kindName === null ? null : findKind(kindName);
  if (kindName !== null && !def) throw new CliError(`unknown kind '${kindName}': use signIns, directoryAudits, customSecurityAttributeAudits, provisioning or signUps`);
  const path = def ? `/ingest/${def.collection}` : '/ingest';
  let adapter: FormatAdapter;
  try {
    adapter = findFormat(o.format ?? DEFAULT_FORMAT);
  } catch (e) {
    if (e instanceof IngestError) throw new CliError(e.message);
    throw e;
  }
  const ack = o.ack ?? 'visible';
  if (!(ACK_MODES as readonly string[]).includes(ack)) throw new CliError(`--ack must be ${ACK_MODES.join(' or ')}, not '${ack}'`);
  const params = new URLSearchParams();
  if (adapter.name !== DEFAULT_FORMAT) params.set('format', adapter.name);
  if (ack !== 'visible') params.set('ack', ack);
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
    ? new cliProgress.SingleBar({ format: `ingest {bar} {percentage}% | {value}/{total} bytes | {records} records${def ? '' : '{kinds}'}`, stream: process.stderr }, cliProgress.Presets.shades_classic)
    : null;
  bar?.start(totalBytes, 0, { records: 0, kinds: '' });
  const totals: Totals = { sent: 0, accepted: 0, duplicates: 0, rejected: [], kinds: new Map() };
  let bytes = 0;
  let lines: string[] = [];
  const flush = async () => {
    if (!lines.length) return;
    const batch = lines;
    lines = [];
    await postBatch(o.url, path, params, batch, o.token, totals);
    bar?.update(bytes, { records: totals.sent, kinds: kindsLine(totals) });
    if (!bar && !o.quiet) process.stderr.write(`\r${totals.sent} records sent`);
  };
  if (file !== '-' && isWholeDocument(file)) {
    let doc: unknown;
    try {
      doc = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new CliError(`${file} is neither NDJSON nor one JSON document: ${(e as Error).message}`);
    }
    for (const r of documentEvents(doc, adapter, def === null)) {
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
  if (def) console.log(`${def.collection}: ${totals.sent} sent, ${totals.accepted} accepted, ${totals.duplicates} duplicates, ${totals.rejected.length} rejected`);
  else {
    console.log(`all kinds: ${totals.sent} sent, ${totals.accepted} accepted, ${totals.duplicates} duplicates, ${totals.rejected.length} rejected`);
    for (const [name, k] of totals.kinds) console.log(`  ${name}: ${k.accepted} accepted, ${k.duplicates} duplicates, ${k.rejected} rejected`);
  }
  for (const r of totals.rejected.slice(0, 10)) console.log(`  record ${r.index}: ${r.reason}`);
  if (totals.rejected.length > 10) console.log(`  … and ${totals.rejected.length - 10} more`);
  return totals.rejected.length ? 2 : 0;
}
