// POST /ingest/{kind}[?format=…]: a JSON array or NDJSON body (optionally gzip) of Graph records,
// or of a provider's native events that an adapter (ingest/adapters) maps to Graph records. The
// response says how many records were accepted and why each rejected one was refused; valid
// records are stored even when others in the batch are not. 200 means every accepted record is
// durably committed.
//
// POST /ingest[?format=…]: the same for a mixed batch (an Okta or Auth0 export, an Event Hub
// message of several categories): each event is stored in the kind its adapter classifies it as,
// and the answer adds a per-kind breakdown. Same credentials, tenant and limits (for the whole
// batch). 200 only when every kind is committed; when one kind's append failed after another's
// committed, a 503 (IDT_PARTIAL_COMMIT) says which are stored and the batch is to be resent whole
// (ids are deterministic, so what was stored comes back as duplicates). See ingest/routed-ingest.ts.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { findKind } from '../model/index.ts';
import {
  adaptItems, decodeBody, findFormat, IngestError, ingestRouted, parseRecords, routeItems,
  type BodyLimits, type IngestService, type ParsedItem,
} from '../ingest/index.ts';
import { ApiError } from './api-errors.ts';
import { ACK_MODES, type AckMode } from '../store/index.ts';
import type { Authenticator } from './request-context.ts';
import { ingestSchema, ingestSwaggerTransform, routedIngestSchema } from './openapi/route-schemas.ts';

export interface IngestRouteDeps {
  readonly ingest: IngestService;
  readonly authenticate: Authenticator;
  readonly limits: BodyLimits;
}

type IngestRequest = FastifyRequest<{ Querystring: { format?: string } }>;

function parsedBody(req: IngestRequest, limits: BodyLimits): ParsedItem[] {
  const raw = req.body;
  if (!Buffer.isBuffer(raw) || raw.length === 0) throw new IngestError('IDT_BAD_BODY', 'the body is empty: send a JSON array of records or NDJSON (one record per line)');
  return parseRecords(decodeBody(raw, limits, req.headers['content-encoding']), limits);
}

/** `?ack=`: when the answer is sent (see AppendOptions.ack); checked before the body is read. */
function ackMode(v: string | undefined): AckMode {
  if (v === undefined || v === '') return 'visible';
  if ((ACK_MODES as readonly string[]).includes(v)) return v as AckMode;
  throw new ApiError('IDT_BAD_REQUEST', `Unknown ack '${v}': use ${ACK_MODES.join(' or ')} (visible: answered once reads see the batch; durable: once it is on disk).`);
}

/** A batch where nothing was stored and nothing was already there is the sender's mistake: 400 with the report. */
function refuseIfNothingAccepted(report: { accepted: number; duplicates: number; rejected: ReadonlyArray<{ index: number; reason: string }> }): void {
  if (!report.rejected.length || report.accepted || report.duplicates) return;
  const first = report.rejected[0]!;
  throw new ApiError('IDT_BAD_REQUEST', `No record was accepted: ${report.rejected.length} rejected (first, at index ${first.index}: ${first.reason}).`, { details: report });
}

export function registerIngestRoutes(app: FastifyInstance, deps: IngestRouteDeps): void {
  app.register(async (scope) => {
    // Bodies are taken raw: gzip and NDJSON are decoded here, per record, with our own limits.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: deps.limits.maxBytes }, (_req, body, done) => done(null, body));

    scope.post<{ Params: { kind: string }; Querystring: { format?: string; ack?: string } }>('/ingest/:kind', { schema: ingestSchema, config: { swaggerTransform: ingestSwaggerTransform } }, async (req, reply) => {
      const principal = await deps.authenticate(req, 'ingest');
      const ack = ackMode(req.query.ack);
      const def = findKind(req.params.kind);
      if (!def) {
        throw new ApiError('IDT_SEGMENT_NOT_FOUND', `Unknown log kind '${req.params.kind}'. Use one of: signIns, directoryAudits, customSecurityAttributeAudits, provisioning, signUps.`);
      }
      const adapter = findFormat(req.query.format);
      const items = adaptItems(adapter, def.kind, parsedBody(req, deps.limits), deps.limits);
      // Record contents (names, IP addresses, locations) are logged at debug level only.
      req.log.debug({ kind: def.kind, format: adapter.name, records: items.map((i) => i.value ?? null) }, 'ingest batch received');
      // The parsed body is this request's own: ingest may drop each record's parsed copy early.
      const report = await deps.ingest.ingest(def.kind, principal.tenantId, items, { consume: true, ack });
      if (report.rejected.length) req.log.info({ kind: def.kind, received: report.received, rejected: report.rejected.length }, 'ingest batch had rejected records');
      refuseIfNothingAccepted(report);
      reply.code(200);
      return report;
    });

    scope.post<{ Querystring: { format?: string; ack?: string } }>('/ingest', { schema: routedIngestSchema, config: { swaggerTransform: ingestSwaggerTransform } }, async (req, reply) => {
      const principal = await deps.authenticate(req, 'ingest');
      const ack = ackMode(req.query.ack);
      const adapter = findFormat(req.query.format);
      const items = routeItems(adapter, parsedBody(req, deps.limits), deps.limits);
      req.log.debug({ format: adapter.name, records: items.map((i) => (i.value === undefined ? null : { kind: i.kind, value: i.value })) }, 'routed ingest batch received');
      const { report, failures } = await ingestRouted(deps.ingest, principal.tenantId, items, { consume: true, ack });
      if (report.rejected.length) req.log.info({ received: report.received, rejected: report.rejected.length }, 'ingest batch had rejected records');
      if (failures.length) {
        for (const f of failures) req.log.error({ err: f.error, kind: f.kind }, 'routed ingest: append failed for a kind');
        const committed = Object.entries(report.kinds).filter(([, k]) => k.committed).map(([name]) => name);
        // Nothing stored at all: the batch failed as a single-kind one would, with the same answer.
        if (!committed.length) throw failures[0]!.error;
        const failed = failures.map((f) => f.kind).join(', ');
        throw new ApiError(
          'IDT_PARTIAL_COMMIT',
          `The batch was only partly stored: ${committed.join(', ')} committed; ${failed} failed and nothing of ${failures.length > 1 ? 'those kinds' : 'that kind'} was stored. Resend the whole batch: records already stored are counted as duplicates.`,
          { details: report, headers: { 'retry-after': '5' } },
        );
      }
      refuseIfNothingAccepted(report);
      reply.code(200);
      return report;
    });
  });
}
