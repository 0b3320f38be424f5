// An OData query error with the position (0-based character offset) of the offending token and the
// query option it belongs to, so the HTTP edge can word it as Graph does ("Invalid filter clause: …").
// An error about the request rather than the option's text (an option given twice) has no position.
export type ODataErrorCode = 'IDT_QUERY_SYNTAX' | 'IDT_FIELD_UNKNOWN' | 'IDT_FIELD_NOT_FILTERABLE' | 'IDT_QUERY_UNSUPPORTED';

export class ODataError extends Error {
  constructor(
    message: string,
    readonly position: number | null,
    readonly code: ODataErrorCode = 'IDT_QUERY_SYNTAX',
    readonly option: string = '$filter',
  ) {
    super(message);
    this.name = 'ODataError';
  }

  /** The message clients see, e.g. `Invalid filter clause: unknown operator 'eqq' at position 7`. */
  graphMessage(): string {
    if (this.position === null) return this.message;
    return this.option === '$filter' ? `Invalid filter clause: ${this.message} at position ${this.position}` : this.message;
  }
}
