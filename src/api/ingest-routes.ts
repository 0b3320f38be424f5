// POST /ingest/{kind}[?format=…]: a JSON array or NDJSON body (optionally gzip) of Graph records,
// or of a provider's native events that an adapter (ingest/adapters) maps to Graph records. The
// response says how many records were accepted and why each rejected one was refused; valid
// records are stored even when others in the batch are not. 200 means every accepted record is
// durably committed.
import type { FastifyInstance } from 'fastify';
import { findKind } from '../model/index.ts';
import { adaptItems, decodeBody, findFormat, IngestError, parseRecords, type BodyLimits, type IngestService } from '../ingest/index.ts';
import { ApiError } from './api-errors.ts';
import type { Authenticator } from './request-context.ts';
import { ingestSchema, ingestSwaggerTransform } from './openapi/route-schemas.ts';

export interface IngestRouteDeps {
  readonly ingest: IngestService;
  readonly authenticate: Authenticator;
  readonly limits: BodyLimits;
}

export function registerIngestRoutes(app: FastifyInstance, deps: IngestRouteDeps): void {
  app.register(async (scope) => {
    // Bodies are taken raw: gzip and NDJSON are decoded here, per record, with our own limits.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: deps.limits.maxBytes }, (_req, body, done) => done(null, body));

    scope.post<{ Params: { kind: string }; Querystring: { format?: string } }>('/ingest/:kind', { schema: ingestSchema, config: { swaggerTransform: ingestSwaggerTransform } }, async (req, reply) => {
      const principal = await deps.authenticate(req, 'ingest');
      const def = findKind(req.params.kind);
      if (!def) {
        throw new ApiError('IDT_SEGMENT_NOT_FOUND', `Unknown log kind '${req.params.kind}'. Use one of: signIns, directoryAudits, customSecurityAttributeAudits, provisioning, signUps.`);
      }
      const adapter = findFormat(req.query.format);
      const raw = req.body;
      if (!Buffer.isBuffer(raw) || raw.length === 0) throw new IngestError('IDT_BAD_BODY', 'the body is empty: send a JSON array of records or NDJSON (one record per line)');
      const text = decodeBody(raw, deps.limits, req.headers['content-encoding']);
      const items = adaptItems(adapter, def.kind, parseRecords(text, deps.limits), deps.limits);
      // Record contents (names, IP addresses, locations) are logged at debug level only.
      req.log.debug({ kind: def.kind, format: adapter.name, records: items.map((i) => i.value ?? null) }, 'ingest batch received');
      const report = await deps.ingest.ingest(def.kind, principal.tenantId, items);
      if (report.rejected.length) req.log.info({ kind: def.kind, received: report.received, rejected: report.rejected.length }, 'ingest batch had rejected records');
      if (report.rejected.length && !report.accepted && !report.duplicates) {
        const first = report.rejected[0]!;
        throw new ApiError('IDT_BAD_REQUEST', `No record was accepted: ${report.rejected.length} rejected (first, at index ${first.index}: ${first.reason}).`, { details: report });
      }
      reply.code(200);
      return report;
    });
  });
}
