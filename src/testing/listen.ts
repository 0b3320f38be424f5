// Integration suites listen on real ports, each suite in its own range so that suites running side
// by side (the runner uses two at once) never collide; a port another run holds is skipped.
import type { FastifyInstance } from 'fastify';

/** Listen on the first free port of [first, last] on 127.0.0.1; the base URL. */
export async function listenInRange(app: FastifyInstance, first: number, last: number): Promise<string> {
  for (let port = first; ; port++) {
    try {
      return await app.listen({ port, host: '127.0.0.1' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port >= last) throw e;
    }
  }
}
