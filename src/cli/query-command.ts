// `idtrail query '<kql>'` / `idtrail query --file q.kql`: run KQL through a server's Log Analytics
// query API (default), or directly on a data directory that no server holds (--data-dir).
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { CliError } from './cli-error.ts';
import type { LaQueryResult } from '../query/kql/index.ts';

interface QueryOpts {
  file?: string;
  url: string;
  tenant: string;
  token?: string;
  timespan?: string;
  output: string;
  dataDir?: string;
}

export function registerQueryCommand(program: Command): void {
  program
    .command('query')
    .description('run a KQL query over the Log Analytics tables (SigninLogs, AuditLogs, …)')
    .argument('[kql]', 'the query text (or use --file)')
    .option('-f, --file <path>', 'read the query from a file')
    .option('--url <url>', 'server base URL', process.env.IDTRAIL_URL ?? 'http://127.0.0.1:8080')
    .option('--tenant <id>', 'workspace (tenant) id', process.env.IDTRAIL_TENANT ?? 'default')
    .option('--token <token>', 'read credential (or IDTRAIL_TOKEN)', process.env.IDTRAIL_TOKEN)
    .option('--timespan <iso>', 'ISO-8601 duration or interval, e.g. P1D')
    .option('-o, --output <format>', 'table | json', 'table')
    .option('--data-dir <dir>', 'query a data directory directly instead of a server')
    .action(async (kql: string | undefined, o: QueryOpts) => {
      const text = o.file ? readFileSync(o.file, 'utf8') : kql;
      if (!text) throw new CliError('give a query, or --file <path>');
      const result = o.dataDir ? await queryLocal(text, o) : await queryServer(text, o);
      process.stdout.write(o.output === 'json' ? `${JSON.stringify(result, null, 2)}\n` : formatTable(result));
    });
}

async function queryServer(text: string, o: QueryOpts): Promise<LaQueryResult> {
  let res: Response;
  try {
    res = await fetch(`${o.url.replace(/\/$/, '')}/v1/workspaces/${encodeURIComponent(o.tenant)}/query`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(o.token ? { authorization: `Bearer ${o.token}` } : {}) },
      body: JSON.stringify({ query: text, ...(o.timespan ? { timespan: o.timespan } : {}) }),
    });
  } catch (e) {
    throw new CliError(`cannot reach ${o.url}: ${(e as Error).message}. Is 'idtrail serve' running? (or use --data-dir)`);
  }
  const body = (await res.json().catch(() => null)) as (LaQueryResult & { error?: { message: string } }) | null;
  if (!res.ok || !body || body.error) throw new CliError(`query failed (HTTP ${res.status}): ${body?.error?.message ?? 'no details'}`, 2);
  return body;
}

async function queryLocal(text: string, o: QueryOpts): Promise<LaQueryResult> {
  const { DuckDbStore } = await import('../store/index.ts');
  const { runKql, KqlError } = await import('../query/kql/index.ts');
  const store = await DuckDbStore.open({ dataDir: o.dataDir!, readConnections: 1 });
  try {
    return await runKql(store, o.tenant, text, o.timespan ? { timespan: o.timespan } : {});
  } catch (e) {
    if (e instanceof KqlError) throw new CliError(`${e.code}: ${e.message}`, 2);
    throw e;
  } finally {
    await store.close();
  }
}

/** A plain aligned text table; long cells are cut so a row stays on one line. */
export function formatTable(r: LaQueryResult): string {
  const t = r.tables[0];
  if (!t) return '(no result)\n';
  const cell = (v: unknown) => {
    const s = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
    return s.length > 60 ? `${s.slice(0, 57)}...` : s;
  };
  const head = t.columns.map((c) => c.name);
  const body = t.rows.map((row) => row.map(cell));
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line), `(${t.rows.length} rows)`].join('\n') + '\n';
}
