// An OData query error with the position (0-based character offset) of the offending token.
export type ODataErrorCode = 'IDT_QUERY_SYNTAX' | 'IDT_FIELD_UNKNOWN' | 'IDT_FIELD_NOT_FILTERABLE' | 'IDT_QUERY_UNSUPPORTED';

export class ODataError extends Error {
  constructor(message: string, readonly position: number, readonly code: ODataErrorCode = 'IDT_QUERY_SYNTAX') {
    super(message);
    this.name = 'ODataError';
  }
}
