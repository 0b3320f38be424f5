// The error catalogue of the HTTP edge: a stable idtrail code, an HTTP status and the Graph error
// code clients expect. Every error leaving the API goes through toGraphError() once.
export type ApiErrorCode =
  | 'IDT_QUERY_SYNTAX'
  | 'IDT_FIELD_UNKNOWN'
  | 'IDT_FIELD_NOT_FILTERABLE'
  | 'IDT_QUERY_UNSUPPORTED'
  | 'IDT_BAD_SKIPTOKEN'
  | 'IDT_BAD_REQUEST'
  | 'IDT_NOT_FOUND'
  | 'IDT_SEGMENT_NOT_FOUND'
  | 'IDT_NOT_SERVED'
  | 'IDT_METHOD_NOT_ALLOWED'
  | 'IDT_UNAUTHENTICATED'
  | 'IDT_FORBIDDEN'
  | 'IDT_RATE_LIMITED'
  | 'IDT_BODY_TOO_LARGE'
  | 'IDT_UNSUPPORTED_MEDIA'
  | 'IDT_UNAVAILABLE'
  | 'IDT_PARTIAL_COMMIT'
  | 'IDT_TIMEOUT'
  | 'IDT_INTERNAL';

export const API_ERRORS: Record<ApiErrorCode, { status: number; graphCode: string }> = {
  IDT_QUERY_SYNTAX: { status: 400, graphCode: 'BadRequest' },
  IDT_FIELD_UNKNOWN: { status: 400, graphCode: 'BadRequest' },
  IDT_FIELD_NOT_FILTERABLE: { status: 400, graphCode: 'BadRequest' },
  IDT_QUERY_UNSUPPORTED: { status: 400, graphCode: 'BadRequest' },
  IDT_BAD_SKIPTOKEN: { status: 400, graphCode: 'BadRequest' },
  IDT_BAD_REQUEST: { status: 400, graphCode: 'BadRequest' },
  IDT_NOT_FOUND: { status: 404, graphCode: 'Request_ResourceNotFound' },
  IDT_SEGMENT_NOT_FOUND: { status: 400, graphCode: 'BadRequest' },
  // A Graph API idtrail knowingly does not implement: 400 like an unknown segment, as Graph answers.
  IDT_NOT_SERVED: { status: 400, graphCode: 'BadRequest' },
  IDT_METHOD_NOT_ALLOWED: { status: 405, graphCode: 'Request_BadRequest' },
  IDT_UNAUTHENTICATED: { status: 401, graphCode: 'InvalidAuthenticationToken' },
  IDT_FORBIDDEN: { status: 403, graphCode: 'Authorization_RequestDenied' },
  IDT_RATE_LIMITED: { status: 429, graphCode: 'TooManyRequests' },
  IDT_BODY_TOO_LARGE: { status: 413, graphCode: 'RequestEntityTooLarge' },
  IDT_UNSUPPORTED_MEDIA: { status: 415, graphCode: 'BadRequest' },
  IDT_UNAVAILABLE: { status: 503, graphCode: 'serviceNotAvailable' },
  // POST /ingest: some kinds of the batch were committed, another's append failed; resend the batch.
  IDT_PARTIAL_COMMIT: { status: 503, graphCode: 'serviceNotAvailable' },
  IDT_TIMEOUT: { status: 504, graphCode: 'UnknownError' },
  IDT_INTERNAL: { status: 500, graphCode: 'InternalServerError' },
};

export class ApiError extends Error {
  readonly status: number;
  readonly graphCode: string;
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly extra: { position?: number; headers?: Record<string, string>; details?: unknown } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = API_ERRORS[code].status;
    this.graphCode = API_ERRORS[code].graphCode;
  }
}

export interface GraphErrorBody {
  error: {
    code: string;
    message: string;
    innerError: { date: string; 'request-id': string; 'client-request-id': string; [k: string]: unknown };
    [k: string]: unknown;
  };
}

/** innerError.date is UTC without fraction or zone, as Graph writes it. */
export function graphErrorBody(graphCode: string, message: string, requestId: string, clientRequestId: string | undefined, more: Record<string, unknown> = {}): GraphErrorBody {
  return {
    error: {
      code: graphCode,
      message,
      innerError: { date: new Date().toISOString().slice(0, 19), 'request-id': requestId, 'client-request-id': clientRequestId ?? requestId, ...more },
    },
  };
}
