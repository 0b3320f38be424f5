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

declare module 'fastify' {
  interface FastifyRequest {
    /** Aborted when the request is answered by its deadline or its connection closes: handlers pass it to store queries. */
    abortSignal: AbortSignal;
  }
}

export function registerRequestLimits(app: FastifyInstance, partial: Partial<RequestLimits>): void {
  const l: RequestLimits = { ...DEFAULT_REQUEST_LIMITS, ...partial };
  app.decorateRequest('abortSignal', null as unknown as AbortSignal);
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
  app.addHook('onRequest', async (req, reply) => {
    const ac = new AbortController();
    req.abortSignal = ac.signal;
    const timer = l.timeoutMs > 0 ? setTimeout(() => {
      if (!reply.sent) reply.send(new ApiError('IDT_TIMEOUT', `The request took longer than ${l.timeoutMs / 1000} s and was abandoned.`));
      // Stop the engine's work too, or a runaway query keeps a core long after its 504.
      ac.abort();
    }, l.timeoutMs) : undefined;
    timer?.unref();
    // 'close' comes when the answer is out or the client is gone; either way nothing still running
    // for this request is wanted.
    reply.raw.on('close', () => {
      clearTimeout(timer);
      ac.abort();
    });
  });
}
