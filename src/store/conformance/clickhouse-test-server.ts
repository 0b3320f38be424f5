// A ClickHouse server for tests: IDTRAIL_CLICKHOUSE_URL when set, else a throwaway server started
// with scripts/clickhouse-test-server.sh (when clickhouse-server is installed), else null so the
// caller can skip with a clear message. The server started here is stopped by its PID.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface TestClickHouse {
  readonly url: string;
  stop(): Promise<void>;
}

const SCRIPT = resolve(fileURLToPath(import.meta.url), '../../../../scripts/clickhouse-test-server.sh');

/** Two consecutive free ports (HTTP, then TCP = HTTP + 1), found by binding port 0. */
async function freePortPair(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await new Promise<number>((res, rej) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => res(p));
      }).on('error', rej);
    });
    if (port >= 65535) continue;
    const ok = await new Promise<boolean>((res) => {
      const s = createServer().listen(port + 1, '127.0.0.1', () => s.close(() => res(true))).on('error', () => res(false));
    });
    if (ok) return port;
  }
  throw new Error('no free port pair for clickhouse-server');
}

export function clickhouseSkipReason(): string | null {
  if (process.env['IDTRAIL_CLICKHOUSE_URL']) return null;
  const which = spawnSync('sh', ['-c', 'command -v clickhouse-server'], { encoding: 'utf8' });
  return which.status === 0 ? null
    : 'ClickHouse conformance skipped: set IDTRAIL_CLICKHOUSE_URL or install clickhouse-server (apt-get install clickhouse-server)';
}

export async function testClickHouse(): Promise<TestClickHouse | null> {
  const url = process.env['IDTRAIL_CLICKHOUSE_URL'];
  if (url) return { url, stop: async () => undefined };
  if (clickhouseSkipReason()) return null;
  const dir = mkdtempSync(join(tmpdir(), 'idtrail-ch-'));
  const port = await freePortPair();
  const start = spawnSync('bash', [SCRIPT, 'start', dir, String(port)], { encoding: 'utf8' });
  if (start.status !== 0) throw new Error(`cannot start clickhouse-server: ${start.stderr || start.stdout}`);
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      spawnSync('bash', [SCRIPT, 'stop', dir], { encoding: 'utf8' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
