// The one audited place where a value becomes ClickHouse SQL text. ClickHouse 18.16 has no
// server-side query parameters (`param_x` is an unknown setting there), so every user value reaches
// the server as a literal built here. Strings keep printable ASCII except `\` and `'` as is and write
// every other byte of their UTF-8 form as `\xHH`: the result is pure ASCII, holds no quote the parser
// could end early, and means the same on 18.16 and on current versions (both decode `\xHH` escapes).

export type ClickHouseValue = string | number | boolean | null;

export class ClickHouseLiteralError extends Error {
  readonly code = 'IDT_QUERY_VALUE';
  constructor(message: string) {
    super(message);
    this.name = 'ClickHouseLiteralError';
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const SAFE = /^[\x20-\x5b\x5d-\x7e]*$/; // printable ASCII except backslash
const HEX = Array.from({ length: 256 }, (_, i) => `\\x${i.toString(16).padStart(2, '0')}`);

/** Render one value as a ClickHouse literal: a quoted string, a number, 1/0 or NULL. */
export function clickhouseLiteral(value: ClickHouseValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') {
    // NaN/Infinity would be read as identifiers (or break the statement); refuse them.
    if (!Number.isFinite(value)) throw new ClickHouseLiteralError(`the number ${value} cannot be used in a query`);
    // JS prints 1e21 and above with an exponent, which ClickHouse parses as Float64: keep it.
    return Object.is(value, -0) ? '0' : String(value);
  }
  if (typeof value !== 'string') throw new ClickHouseLiteralError(`unsupported value type ${typeof value}`);
  if (LONE_SURROGATE.test(value)) throw new ClickHouseLiteralError('the text holds an unpaired UTF-16 surrogate');
  if (SAFE.test(value)) return `'${value.replace(/'/g, "\\'")}'`;
  let out = "'";
  for (const byte of Buffer.from(value, 'utf8')) {
    if (byte === 0x27) out += "\\'";
    else if (byte >= 0x20 && byte <= 0x7e && byte !== 0x5c) out += String.fromCharCode(byte);
    else out += HEX[byte]!;
  }
  return out + "'";
}

/** Quote an identifier with backticks (table and column names come from code, never from users). */
export function clickhouseIdent(name: string): string {
  if (LONE_SURROGATE.test(name) || name.includes('\u0000')) throw new ClickHouseLiteralError(`invalid identifier ${JSON.stringify(name)}`);
  return `\`${name.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``;
}
