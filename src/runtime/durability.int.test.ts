// The durability promise, end to end on the real CLI: a batch acknowledged with 200 is on disk,
// whether the server is stopped gracefully (SIGTERM) mid-ingest or killed outright (SIGKILL).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDbStore } from '../store/index.ts';
import { LOG_KINDS } from '../model/index.ts';

const BIN = new URL('../../bin/idtrail.js', import.meta.url).pathname;

interface Server {
  readonly proc: ChildProcess;
  readonly url: string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
}

async function startServer(dataDir: string, extra: string[] = []): Promise<Server> {
  const proc = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data-dir', dataDir, '--no-enrich', '--no-metrics', '--no-demo', '--log-level', 'info', ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => proc.on('exit', (code, signal) => r({ code, signal })));
  // Generous: start-up loads the KQL parser and the store, slow on a busy 2-core machine.
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    const m = /"address":"(http:\/\/[^"]+)"/.exec(out);
    if (m) return { proc, url: m[1]!, exited, output: () => out };
    if (proc.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  proc.kill('SIGKILL');
  throw new Error(`the server did not start:\n${out}`);
}

/**
 * Two clients send batches until the server goes away; returns the ids of every record in a
 * batch answered 200. After `stopAfter` acknowledged batches, `stop` is called (once).
 */
async function ingestUntilGone(url: string, stopAfter: number, stop: () => void): Promise<Set<string>> {
  const acked = new Set<string>();
  let batches = 0;
  let next = 0;
  let stopped = false;
  const client = async (c: number) => {
    for (let round = 0; round < 200; round++) {
      const ids = Array.from({ length: 2000 }, () => `r${c}-${next++}`);
      const body = ids.map((id) => JSON.stringify({ id, createdDateTime: '2024-05-01T12:00:00Z', userPrincipalName: `${id}@contoso.example`, ipAddress: '10.0.0.1' })).join('\n');
      let ok = false;
      try {
        const res = await fetch(`${url}/ingest/signIns`, { method: 'POST', body, headers: { 'content-type': 'application/x-ndjson' } });
        const report = (await res.json()) as { accepted?: number };
        ok = res.status === 200 && report.accepted === ids.length;
      } catch {
        return; // refused or reset: the server is gone
      }
      if (ok) {
        for (const id of ids) acked.add(id);
        if (++batches >= stopAfter && !stopped) {
          stopped = true;
          stop();
        }
      } else if (stopped) return;
    }
  };
  await Promise.all([client(0), client(1)]);
  return acked;
}

async function storedIds(dataDir: string): Promise<Set<string>> {
  const store = await DuckDbStore.open({ dataDir, readConnections: 1 });
  try {
    const rows = await store.rawQuery(`SELECT id FROM ${LOG_KINDS.signIns.table}`);
    return new Set(rows.map((r) => String(r['id'])));
  } finally {
    await store.close();
  }
}

for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
  test(`${signal} during a large ingest loses no acknowledged record`, { timeout: 240_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'idtrail-durable-'));
    let srv: Server | null = null;
    try {
      srv = await startServer(dir);
      const s = srv;
      const acked = await ingestUntilGone(s.url, 4, () => s.proc.kill(signal));
      const exit = await srv.exited;
      if (signal === 'SIGTERM') {
        assert.equal(exit.code, 0, srv.output());
        assert.match(srv.output(), /stopped: store flushed and closed/);
      } else {
        assert.equal(exit.signal, 'SIGKILL');
      }
      assert.ok(acked.size >= 4 * 2000, `only ${acked.size} acknowledged`);
      const stored = await storedIds(dir);
      const lost = [...acked].filter((id) => !stored.has(id));
      assert.deepEqual(lost.slice(0, 5), [], `${lost.length} acknowledged records lost`);
    } finally {
      // Never leave a server behind, whatever failed above.
      if (srv && srv.proc.exitCode === null && srv.proc.signalCode === null) srv.proc.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('a held data directory is refused with a clear message; a second signal exits at once', { timeout: 240_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'idtrail-lock-'));
  let first: Server | null = null;
  try {
    first = await startServer(dir, ['--drain-delay', '30']);
    const second = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data-dir', dir, '--no-enrich', '--no-demo'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    second.stderr.on('data', (d) => (err += d));
    const code = await new Promise<number | null>((r) => second.on('exit', (c) => r(c)));
    assert.equal(code, 1);
    assert.match(err, /is in use by another idtrail process/);
    assert.match(err, /--data-dir/);

    // The first server is draining for 30 s after SIGTERM; a second signal must not wait.
    const t0 = Date.now();
    first.proc.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    first.proc.kill('SIGTERM');
    const exit = await first.exited;
    assert.equal(exit.code, 130);
    assert.ok(Date.now() - t0 < 10_000);
  } finally {
    if (first && first.proc.exitCode === null && first.proc.signalCode === null) first.proc.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});
