// Stable opaque ids for aggregate report rows: the same inputs always give the same id, so a
// client can fetch `/{id}` after listing.
import { createHash } from 'node:crypto';

export function stableGuid(...parts: ReadonlyArray<string | number | null | undefined>): string {
  const h = createHash('sha1').update(parts.map((p) => String(p ?? '')).join('\u0000')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export const base64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');
