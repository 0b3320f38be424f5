// The one error class of the KQL front end. Codes are stable (API and CLI map them once); every
// error carries the position of the offending token so a UI can underline it.

export type KqlErrorCode = 'IDT_KQL_SYNTAX' | 'IDT_KQL_UNSUPPORTED' | 'IDT_KQL_SEMANTIC';

export interface KqlPosition {
  /** 0-based character offset into the query text. */
  readonly offset: number;
  /** 1-based line and column. */
  readonly line: number;
  readonly column: number;
  readonly length: number;
}

export class KqlError extends Error {
  readonly httpStatus = 400;
  constructor(readonly code: KqlErrorCode, message: string, readonly position: KqlPosition | null) {
    super(position ? `${message} (line ${position.line}, column ${position.column})` : message);
    this.name = 'KqlError';
  }
}

export function positionOf(text: string, offset: number, length = 0): KqlPosition {
  const o = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < o; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { offset: o, line, column: o - lineStart + 1, length };
}
