// Route schemas: Fastify validates params and query strings with them, and /openapi.json is
// generated from the very same objects. Response schemas are documentation only: the app
// serializes with JSON.stringify (see app.ts) so a schema can never drop or coerce a property of
// a Graph record. Query-option names are matched case-insensitively by the OData parser, so these
// schemas only type the documented spellings and leave any other key alone.
import { ALL_KINDS, LOG_KINDS, type GraphVersion } from '../../model/index.ts';
import { recordSchemaId } from './record-json-schema.ts';
import { INGEST_FORMATS } from '../../ingest/index.ts';

type JsonSchema = Record<string, unknown>;

export const graphErrorSchema: JsonSchema = {
  type: 'object',
  description: 'Microsoft Graph error envelope.',
  properties: {
    error: {
      type: 'object',
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        innerError: { type: 'object', additionalProperties: true, properties: { date: { type: 'string' }, 'request-id': { type: 'string' }, 'client-request-id': { type: 'string' }, idtrailCode: { type: 'string' } } },
      },
    },
  },
};

const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [String(c), { ...graphErrorSchema, description: `Graph error (${c})` }]));

const collections = (version: GraphVersion) => ALL_KINDS.filter((k) => LOG_KINDS[k].versions.includes(version)).map((k) => LOG_KINDS[k].collection);
const anyRecord = (version: GraphVersion): JsonSchema => ({
  oneOf: ALL_KINDS.filter((k) => LOG_KINDS[k].versions.includes(version)).map((k) => ({ $ref: `${recordSchemaId(k, version)}#` })),
});

// A repeated option arrives as an array; it is let through so the OData parser answers with its
// own Graph-style message ("given more than once") rather than a schema-validator one.
const odata = (description: string) => ({ anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }], description });
const selectParam = odata('Comma-separated properties to return; paths into complex properties (`status/errorCode`) too.');
// Names are matched case-insensitively by the handlers (`SignIns` works), so the allowed values
// are documented rather than enforced with `enum`, which would make matching case-sensitive.
const collectionParam = (version: GraphVersion) => ({ type: 'string', description: `One of: ${collections(version).join(', ')}.` });
const filterParam = odata('OData filter, e.g. `createdDateTime ge 2024-05-01T00:00:00Z and status/errorCode ne 0`.');
const listQuery: JsonSchema = {
  type: 'object',
  properties: {
    $filter: filterParam,
    $top: odata('Page size (default and maximum 1000).'),
    $select: selectParam,
    $orderby: odata('Only the time property, asc or desc (default desc, newest first).'),
    $count: odata('true: include @odata.count.'),
    $skiptoken: odata('Opaque continuation token from @odata.nextLink.'),
  },
};

export function graphRootSchema(version: GraphVersion): JsonSchema {
  return { tags: ['Graph auditLogs'], summary: `auditLogs entity (${version})`, operationId: `auditLogs_${version}`, response: { 200: { type: 'object', additionalProperties: true } } };
}

export function graphListSchema(version: GraphVersion): JsonSchema {
  return {
    tags: ['Graph auditLogs'],
    summary: `List activity log records (${version})`,
    description: 'Newest first. Follow @odata.nextLink for more pages.',
    operationId: `list_${version}`,
    params: { type: 'object', properties: { collection: collectionParam(version) }, required: ['collection'] },
    querystring: listQuery,
    response: {
      200: {
        type: 'object',
        properties: { '@odata.context': { type: 'string' }, '@odata.count': { type: 'integer' }, '@odata.nextLink': { type: 'string' }, value: { type: 'array', items: anyRecord(version) } },
      },
      ...errors(400, 401, 403, 503),
    },
  };
}

export function graphGetSchema(version: GraphVersion): JsonSchema {
  return {
    tags: ['Graph auditLogs'],
    summary: `Get one activity log record by id (${version})`,
    operationId: `get_${version}`,
    params: { type: 'object', properties: { collection: collectionParam(version), id: { type: 'string' } }, required: ['collection', 'id'] },
    querystring: { type: 'object', properties: { $select: selectParam } },
    response: { 200: anyRecord(version), ...errors(400, 401, 403, 404, 503) },
  };
}

export function graphCountSchema(version: GraphVersion): JsonSchema {
  return {
    tags: ['Graph auditLogs'],
    summary: `Count the records a $filter selects (${version})`,
    description: 'Answers text/plain: the number of records the list with the same $filter would return over all its pages.',
    operationId: `count_${version}`,
    params: { type: 'object', properties: { collection: collectionParam(version) }, required: ['collection'] },
    querystring: { type: 'object', properties: { $filter: filterParam } },
    response: { 200: { type: 'string', description: 'The count, e.g. `1234`.' }, ...errors(400, 401, 403, 503) },
  };
}

/** The append-only guard routes answer every write with 405; they are not part of the API. */
export const methodNotAllowedSchema: JsonSchema = { hide: true };

const ingestKinds = ALL_KINDS.flatMap((k) => [LOG_KINDS[k].collection, ...LOG_KINDS[k].ingestAliases]);

const formatQuery = (extra: string): JsonSchema => ({
  type: 'object',
  properties: {
    format: {
      type: 'string',
      // Not an enum here: an unknown format gets the Graph error envelope listing the formats (IDT_BAD_FORMAT).
      description: `The body's event format: ${INGEST_FORMATS.join(', ')} (default graph).${extra} See docs/api.md.`,
    },
    ack: {
      type: 'string',
      description: 'When the answer is sent: visible (default; a read after it finds the batch) or durable (once the batch is on disk; reads see it within one load, typically under a second, for more throughput).',
    },
  },
});

/** The counts and rejections both ingest answers carry; `routed`: rejections also name their kind. */
const reportProperties = (routed: boolean): JsonSchema => ({
  received: { type: 'integer' },
  accepted: { type: 'integer' },
  duplicates: { type: 'integer' },
  rejected: {
    type: 'array',
    items: {
      type: 'object',
      properties: {
        index: { type: 'integer', description: 'Position in the batch, counted after envelopes are opened.' },
        id: { type: 'string' },
        ...(routed ? { kind: { type: 'string', description: 'The kind the event was classified as, when it got that far.' } } : {}),
        reason: { type: 'string' },
      },
    },
  },
});

export const ingestSchema: JsonSchema = {
  tags: ['Ingest'],
  summary: 'Ingest a batch of records of one kind',
  description:
    'Body: a JSON array of Graph-shaped records (or a Graph list response), or NDJSON (one record per line); with `format`, a provider\'s native events instead. `Content-Encoding: gzip` or a gzip body is accepted. ' +
    'Valid records are stored even when others are rejected; 200 means every accepted record is durably committed.',
  operationId: 'ingest',
  params: { type: 'object', properties: { kind: { type: 'string', description: `One of: ${ingestKinds.join(', ')}.` } }, required: ['kind'] },
  querystring: formatQuery(''),
  response: {
    200: {
      type: 'object',
      properties: { kind: { type: 'string' }, ...reportProperties(false) },
    },
    ...errors(400, 401, 403, 413, 503),
  },
};

export const routedIngestSchema: JsonSchema = {
  tags: ['Ingest'],
  summary: 'Ingest a mixed batch; each event is stored in the kind it belongs to',
  description:
    'Body as for `/ingest/{kind}`; each event is stored in the kind its format adapter classifies it as (an Okta, Auth0 or Keycloak export mixing sign-ins, sign-ups and admin events; ' +
    'an Event Hub message mixing categories). With `format=graph`, a record\'s kind comes from its `@odata.type`, its `@odata.context` or its list page\'s `@odata.context`; a record naming none is rejected. ' +
    'Limits apply to the whole batch. 200 means every accepted record of every kind is durably committed; 503 `IDT_PARTIAL_COMMIT` means some kinds were committed and another failed ' +
    '(`innerError.details.kinds[*].committed`): resend the whole batch, stored records then count as duplicates.',
  operationId: 'ingestRouted',
  querystring: formatQuery(' With graph, records must carry @odata.type or @odata.context.'),
  response: {
    200: {
      type: 'object',
      properties: {
        ...reportProperties(true),
        kinds: {
          type: 'object',
          description: 'Per kind present in the batch, by collection name.',
          additionalProperties: {
            type: 'object',
            properties: {
              received: { type: 'integer' }, accepted: { type: 'integer' }, duplicates: { type: 'integer' }, rejected: { type: 'integer' },
              committed: { type: 'boolean' },
            },
          },
        },
      },
    },
    ...errors(400, 401, 403, 413, 503),
  },
};

/**
 * The ingest body is parsed by our own raw parser, so it cannot carry a validating `body` schema
 * (Fastify would validate the Buffer); it is added to the document only, through this transform.
 */
export const ingestSwaggerTransform = ({ schema, url }: { schema: object; url: string }) => ({
  url,
  schema: {
    ...schema,
    consumes: ['application/json', 'application/x-ndjson'],
    body: { type: 'array', items: { type: 'object', additionalProperties: true, description: url === '/ingest' ? 'A Graph-shaped record naming its kind, or a native event (see format).' : 'A Graph-shaped record of the kind in the path.' } },
  },
});
