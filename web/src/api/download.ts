// CSV/JSON download of a filtered result: walks every page through @odata.nextLink (1,000 per
// request, Graph's maximum) and encodes each page as it arrives, so only the encoded bytes are held
// (as Blob parts, which browsers may page out), never the whole parsed result.
import { forEachPage } from './http-client.ts';

export interface CsvColumn<T> {
  readonly header: string;
  readonly value: (row: T) => string;
}

/**
 * RFC 4180 quoting. A leading `=`, `+` or `@` is prefixed with `'` so a spreadsheet does not
 * run a cell as a formula (UPNs and user agents are attacker-controlled text).
 */
export function csvCell(v: string): string {
  const safe = /^[=+@]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export interface DownloadResult {
  readonly blob: Blob;
  readonly records: number;
}

export async function collectDownload<T>(
  firstUrl: string,
  format: 'csv' | 'json',
  columns: readonly CsvColumn<T>[],
  onProgress: (records: number) => void,
  signal: AbortSignal,
): Promise<DownloadResult> {
  const parts: BlobPart[] = [];
  let n = 0;
  // A byte-order mark lets Excel read the UTF-8 names correctly.
  parts.push(format === 'csv' ? `\uFEFF${csvLine(columns.map((c) => c.header))}` : '[');
  await forEachPage<T>(firstUrl, (rows) => {
    if (format === 'csv') parts.push(rows.map((r) => csvLine(columns.map((c) => c.value(r)))).join(''));
    else if (rows.length) parts.push((n ? ',\n' : '\n') + rows.map((r) => JSON.stringify(r)).join(',\n'));
    n += rows.length;
    onProgress(n);
  }, signal);
  if (format === 'json') parts.push('\n]\n');
  return { blob: new Blob(parts, { type: format === 'csv' ? 'text/csv;charset=utf-8' : 'application/json' }), records: n };
}

export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
