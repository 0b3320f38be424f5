// Tokenizer for OData `$filter` text. Every token keeps its 0-based offset so errors can point at
// the bad token. Literal forms are recognised here (not in the parser) because OData's unquoted
// literals overlap: `2024-07-01T00:00:00Z` starts like a number and a GUID can start like a name.
import { ODataError } from './odata-error.ts';

export type TokenKind =
  | 'name' // a property, variable, function or keyword (and/or/not/eq/…/null/true/false)
  | 'string' // '…' with '' as an escaped quote; value is unescaped
  | 'number' // integer or decimal, value is the text
  | 'datetime' // unquoted DateTimeOffset or date-only; value is the text
  | 'guid' // unquoted 8-4-4-4-12 hex
  | 'enum' // Namespace.Type'member'; value is the member, `qualifier` the type
  | '(' | ')' | ',' | '/' | ':'
  | 'eof';

export interface Token {
  readonly kind: TokenKind;
  readonly value: string;
  readonly pos: number;
  /** Characters the token spans in the source text. */
  readonly length: number;
  readonly qualifier?: string;
}

// Fraction digits are captured generously and checked later, so a too-long fraction gets a precise
// message instead of a generic "unexpected character". ` hh:mm` (a space where `+` was) appears
// when a client did not percent-encode `+` in the query string.
const DATETIME_RE = /\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}| \d{2}:\d{2}(?![\d:]))?)?(?![\w.:-])/iy;
const GUID_RE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![\w-])/iy;
const NUMBER_RE = /-?\d+(?:\.\d+)?(?:e[+-]?\d+)?(?![\w.])/iy;
const NAME_RE = /[A-Za-z_$][\w$]*(?:\.[A-Za-z_][\w]*)*/y;

/** Longest filter accepted; hand-written `or` chains of a few hundred terms stay far below it. */
export const MAX_FILTER_LENGTH = 64 * 1024;

function sticky(re: RegExp, text: string, pos: number): string | null {
  re.lastIndex = pos;
  const m = re.exec(text);
  return m ? m[0] : null;
}

function readString(text: string, start: number): { value: string; end: number } {
  let out = '';
  let i = start + 1;
  for (;;) {
    const q = text.indexOf("'", i);
    if (q < 0) throw new ODataError('unterminated string literal (a quote inside a string is written twice: \'\')', start);
    out += text.slice(i, q);
    if (text[q + 1] === "'") {
      out += "'";
      i = q + 2;
      continue;
    }
    return { value: out, end: q + 1 };
  }
}

// OData v3 typed literals that v4 (and Graph) write without the prefix and quotes: clients and
// examples written for older APIs still send them, and only a pointed message tells them what to
// write instead.
const V3_LITERALS: Record<string, string> = {
  datetime: 'write the DateTimeOffset unquoted',
  datetimeoffset: 'write the DateTimeOffset unquoted',
  guid: 'write the GUID bare, without quotes',
};

function v3Literal(text: string, start: number, prefix: string): void {
  const advice = V3_LITERALS[prefix.toLowerCase()];
  if (!advice) return;
  const { value } = readString(text, start + prefix.length);
  throw new ODataError(`${prefix}'…' is OData v3: ${advice}, as in ${value}`, start);
}

export function tokenize(text: string): Token[] {
  if (text.length > MAX_FILTER_LENGTH) {
    throw new ODataError(`the filter is ${text.length} characters long; the limit is ${MAX_FILTER_LENGTH}`, MAX_FILTER_LENGTH);
  }
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, value: string, pos: number, length: number, qualifier?: string) =>
    tokens.push(qualifier === undefined ? { kind, value, pos, length } : { kind, value, pos, length, qualifier });
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      i++;
      continue;
    }
    if ('(),/:'.includes(ch)) {
      push(ch as TokenKind, ch, i, 1);
      i++;
      continue;
    }
    if (ch === "'") {
      const s = readString(text, i);
      push('string', s.value, i, s.end - i);
      i = s.end;
      continue;
    }
    const guid = sticky(GUID_RE, text, i);
    if (guid) {
      push('guid', guid, i, guid.length);
      i += guid.length;
      continue;
    }
    if (/[0-9-]/.test(ch)) {
      const d = sticky(DATETIME_RE, text, i);
      if (d) {
        push('datetime', d, i, d.length);
        i += d.length;
        continue;
      }
      if (/^\d{4}-\d{2}/.test(text.slice(i, i + 7))) {
        throw new ODataError(`malformed DateTimeOffset literal '${text.slice(i, i + 40).split(/[\s)]/)[0]}': expected yyyy-mm-dd or yyyy-mm-ddThh:mm[:ss[.fffffff]](Z|±hh:mm)`, i);
      }
      const n = sticky(NUMBER_RE, text, i);
      if (n) {
        push('number', n, i, n.length);
        i += n.length;
        continue;
      }
      throw new ODataError(`unexpected '${text.slice(i, i + 12)}': not a number, date or GUID`, i);
    }
    const name = sticky(NAME_RE, text, i);
    if (name) {
      const end = i + name.length;
      if (text[end] === "'") v3Literal(text, i, name);
      // `microsoft.graph.riskLevel'high'`: a qualified enum literal.
      if (text[end] === "'" && name.includes('.')) {
        const s = readString(text, end);
        push('enum', s.value, i, s.end - i, name);
        i = s.end;
        continue;
      }
      push('name', name, i, name.length);
      i = end;
      continue;
    }
    const shown = JSON.stringify(ch).slice(1, -1);
    throw new ODataError(`unexpected character '${shown}'`, i);
  }
  push('eof', '', text.length, 0);
  return tokens;
}
