// `idtrail report <name> [--tenant] [--from --to] [--param k=v] [--json]`: run a report on the
// embedded store (the data directory must not be open by a running server: DuckDB takes a lock)
// and print readable tables, or the raw JSON answer.
import type { Command } from 'commander';
import { DuckDbStore } from '../store/index.ts';
import { findReport, REPORTS, ReportError, runReport, type ReportOutput, type Row } from '../reports/index.ts';
import { CliError } from './cli-error.ts';

interface ReportOpts {
  tenant: string;
  dataDir: string;
  from?: string;
  to?: string;
  param: string[];
  json?: boolean;
}

export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description(`run a report and print it; reports: ${REPORTS.map((r) => r.name).join(', ')}`)
    .argument('[name]', 'report name (omit to list them)')
    .option('--tenant <id>', 'tenant to report on', process.env.IDTRAIL_TENANT ?? 'default')
    .option('-d, --data-dir <dir>', 'directory of the embedded store', process.env.IDTRAIL_DATA_DIR ?? './data')
    .option('--from <iso>', 'start of the time range (default: the report\'s own window)')
    .option('--to <iso>', 'end of the time range (exclusive)')
    .option('-p, --param <k=v>', 'report parameter, repeatable (e.g. period=D30)', (v: string, acc: string[]) => [...acc, v], [])
    .option('--json', 'print the JSON answer instead of tables')
    .action(async (name: string | undefined, o: ReportOpts) => {
      if (!name) {
        printTable(REPORTS.map((r) => ({ name: r.name, params: r.params.map((p) => `${p.name}${p.values ? `=${p.values.join('|')}` : ''}`).join(' '), description: r.description })));
        return;
      }
      process.stdout.write(await reportText(name, o));
    });
}

export async function reportText(name: string, o: ReportOpts): Promise<string> {
  let def;
  try {
    def = findReport(name);
  } catch (e) {
    throw new CliError((e as Error).message);
  }
  const params = Object.fromEntries(o.param.map((kv) => {
    const i = kv.indexOf('=');
    if (i < 1) throw new CliError(`--param needs key=value, got '${kv}'`);
    return [kv.slice(0, i), kv.slice(i + 1)];
  }));
  const store = await DuckDbStore.open({ dataDir: o.dataDir, readConnections: 2 });
  let out: ReportOutput;
  try {
    out = await runReport(store, def, { tenantId: o.tenant, from: o.from ?? null, to: o.to ?? null, params });
  } catch (e) {
    if (e instanceof ReportError) throw new CliError(e.message);
    throw e;
  } finally {
    await store.close();
  }
  if (o.json) return JSON.stringify(out, null, 2) + '\n';
  return renderOutput(out);
}

/** Nested objects print as compact JSON; the funnel's per-slice detail stays in --json. */
function cell(v: unknown): string {
  if (v === null || v === undefined) return '–';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(4).replace(/0+$/, '').replace(/\.$/, '');
  if (typeof v === 'object') return JSON.stringify(v, (_k, x) => (x === null ? undefined : x));
  return String(v);
}

export function renderTable(rows: readonly Row[]): string {
  if (rows.length === 0) return '(no rows)\n';
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const text = rows.map((r) => cols.map((c) => cell(r[c]).slice(0, 80)));
  const width = cols.map((c, i) => Math.max(c.length, ...text.map((t) => t[i]!.length)));
  const line = (cells: string[]) => cells.map((s, i) => s.padEnd(width[i]!)).join('  ').trimEnd();
  return [line(cols), line(width.map((w) => '-'.repeat(w))), ...text.map(line)].join('\n') + '\n';
}

export function renderOutput(out: ReportOutput): string {
  let s = '';
  if (out.summary) {
    const flat = Object.entries(out.summary).filter(([, v]) => v === null || typeof v !== 'object');
    if (flat.length) s += flat.map(([k, v]) => `${k}: ${cell(v)}`).join('\n') + '\n\n';
  }
  for (const [name, rows] of Object.entries(out.tables)) s += `${name} (${rows.length})\n${renderTable(rows)}\n`;
  return s;
}

function printTable(rows: Row[]): void {
  process.stdout.write(renderTable(rows));
}
