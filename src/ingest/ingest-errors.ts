// Errors of the ingest boundary, each with a stable code and HTTP status.
export type IngestErrorCode = 'IDT_BAD_BODY' | 'IDT_BODY_TOO_LARGE' | 'IDT_BATCH_TOO_LONG' | 'IDT_UNKNOWN_KIND' | 'IDT_BAD_FORMAT';

const STATUS: Record<IngestErrorCode, number> = {
  IDT_BAD_BODY: 400,
  IDT_BODY_TOO_LARGE: 413,
  IDT_BATCH_TOO_LONG: 400,
  IDT_UNKNOWN_KIND: 404,
  IDT_BAD_FORMAT: 400,
};

export class IngestError extends Error {
  readonly status: number;
  constructor(readonly code: IngestErrorCode, message: string) {
    super(message);
    this.name = 'IngestError';
    this.status = STATUS[code];
  }
}
