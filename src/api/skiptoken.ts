// Opaque keyset cursors for `$skiptoken`: the (time, id) of the last row served plus a digest of
// the query it belongs to, so a token cannot be replayed against a different filter or order.
import { createHash } from 'node:crypto';
import { ApiError } from './api-errors.ts';

export interface Cursor {
  /** ISO time of the last row served. */
  readonly t: string;
  readonly id: string;
}

export function queryDigest(parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 12);
}

export function encodeSkipToken(c: Cursor, digest: string): string {
  return Buffer.from(JSON.stringify({ v: 1, t: c.t, i: c.id, q: digest })).toString('base64url');
}

export function decodeSkipToken(token: string, digest: string): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw new ApiError('IDT_BAD_SKIPTOKEN', 'The $skiptoken is not valid. Follow @odata.nextLink as returned.');
  }
  const p = parsed as { v?: unknown; t?: unknown; i?: unknown; q?: unknown };
  if (p?.v !== 1 || typeof p.t !== 'string' || typeof p.i !== 'string' || typeof p.q !== 'string') {
    throw new ApiError('IDT_BAD_SKIPTOKEN', 'The $skiptoken is not valid. Follow @odata.nextLink as returned.');
  }
  if (p.q !== digest) {
    throw new ApiError('IDT_BAD_SKIPTOKEN', 'The $skiptoken belongs to a different query; $filter and $orderby must stay the same while paging.');
  }
  return { t: p.t, id: p.i };
}
