// Limits on what one request may ask of the server, beyond body size (ingest) and $top (per kind):
// URL and $filter size bound query complexity before parsing, and a handler deadline answers 504
// rather than letting a client wait on a runaway query.
import type { FastifyInstance } from 'fastify';
import { ApiError } from './api-errors.ts';

export interface RequestLimits {
  readonly maxUrlBytes: number;
  readonly maxFilterBytes: number;
  /** Milliseconds before a request is answered 504; 0 disables. */
  readonly timeoutMs: number;
}

export const DEFAULT_REQUEST_LIMITS: RequestLimits = { maxUrlBytes: 16 * 1024, maxFilterBytes: 4 * 1024, timeoutMs: 60_000 };

export function registerRequestLimits(app: FastifyInstance, partial: Partial<RequestLimits>): void {
  const l: RequestLimits = { ...DEFAULT_REQUEST_LIMITS, ...partial };
  app.addHook('onRequest', async (req) => {
    if (req.url.length > l.maxUrlBytes) throw new ApiError('IDT_QUERY_UNSUPPORTED', `The request URL is longer than ${l.maxUrlBytes} bytes.`);
    const q = req.url.indexOf('?');
    if (q >= 0) {
      for (const [k, v] of new URLSearchParams(req.url.slice(q + 1))) {
        if (/^\$?filter$/i.test(k) && Buffer.byteLength(v) > l.maxFilterBytes) {
          throw new ApiError('IDT_QUERY_UNSUPPORTED', `The $filter is longer than ${l.maxFilterBytes} bytes; narrow it or split the request.`);
        }
      }
    }
  });
  if (l.timeoutMs > 0) {
    app.addHook('onRequest', async (req, reply) => {
      const timer = setTimeout(() => {
        if (!reply.sent) reply.send(new ApiError('IDT_TIMEOUT', `The request took longer than ${l.timeoutMs / 1000} s and was abandoned.`));
      }, l.timeoutMs);
      timer.unref();
      reply.raw.on('close', () => clearTimeout(timer));
    });
  }
}
