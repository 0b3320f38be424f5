// Type checking of `$filter` literals against the catalogue type of the property they meet, so
// the engine never sees a mistyped comparison (a string against an INTEGER column is a 500 in
// DuckDB, a 400 here). Messages say what the property is and how to write the value.
import { normalizeDateTime, type CatalogueEntry } from '../../model/index.ts';
import { dt, lit, type Expr } from '../ir/index.ts';
import type { FilterNode } from './filter-ast.ts';
import { ODataError } from './odata-error.ts';

type LiteralNode = Extract<FilterNode, { kind: 'literal' }>;

const INT32 = { min: -2147483648, max: 2147483647 };
// TIMESTAMP_NS spans 1677-09-21 … 2262-04-11; whole years inside that keep every engine happy.
const MIN_YEAR = 1678;
const MAX_YEAR = 2261;

const EDM: Record<string, string> = {
  string: 'String', int: 'Int32', long: 'Int64', double: 'Double', bool: 'Boolean', datetime: 'DateTimeOffset',
};

function shown(n: LiteralNode): string {
  if (n.lit === 'string') return `'${n.value.length > 40 ? n.value.slice(0, 40) + '…' : n.value}'`;
  return n.value.length > 40 ? n.value.slice(0, 40) + '…' : n.value;
}

function mismatch(e: CatalogueEntry, n: LiteralNode, hint: string): never {
  const t = e.enumValues ? 'an enumeration' : `an Edm.${EDM[e.type] ?? e.type}`;
  throw new ODataError(`type mismatch: '${e.name || 'the lambda variable'}' is ${t} and cannot be compared with ${shown(n)}; ${hint}`, n.pos);
}

/** Parse an unquoted DateTimeOffset or date-only literal to canonical ISO UTC. */
export function dateTimeLiteral(text: string, pos: number): string {
  // A `+` the client did not percent-encode arrives as a space.
  const fixed = text.replace(/ (\d{2}:\d{2})$/, '+$1');
  const frac = /\.(\d+)/.exec(fixed)?.[1];
  if (frac && frac.length > 7) {
    throw new ODataError(`the DateTimeOffset '${text}' has ${frac.length} fractional digits; at most 7 are allowed`, pos);
  }
  // Checked on the text: Date.UTC maps years 0–99 to 1900–1999, so the normalized form would lie.
  const year = Number(fixed.slice(0, 4));
  if (year < MIN_YEAR || year > MAX_YEAR) {
    throw new ODataError(`the DateTimeOffset '${text}' is outside the supported range (years ${MIN_YEAR}–${MAX_YEAR})`, pos);
  }
  const iso = normalizeDateTime(fixed);
  if (!iso) throw new ODataError(`'${text}' is not a valid DateTimeOffset`, pos);
  return iso;
}

/**
 * Check a literal against a property (or lambda item) and return its IR value. `null` is handled
 * by the caller (only eq/ne take it). `label` names the property in messages.
 */
export function typedLiteral(e: CatalogueEntry, n: LiteralNode): Expr {
  if (e.enumValues) {
    if (n.lit !== 'string' && n.lit !== 'enum') mismatch(e, n, `write a quoted member such as '${e.enumValues[0]}'`);
    const member = e.enumValues.find((m) => m.toLowerCase() === n.value.toLowerCase());
    if (!member) {
      const list = e.enumValues.length > 12 ? `${e.enumValues.slice(0, 12).join(', ')}, …` : e.enumValues.join(', ');
      throw new ODataError(`'${n.value}' is not a member of the enumeration of '${e.name || 'the lambda variable'}'; expected one of: ${list}`, n.pos);
    }
    return lit(member);
  }
  switch (e.type) {
    case 'string':
      if (n.lit === 'string' || n.lit === 'guid') return lit(n.value);
      if (n.lit === 'datetime' || n.lit === 'number') mismatch(e, n, `quote the value: '${n.value}'`);
      return mismatch(e, n, 'write a quoted string');
    case 'int':
    case 'long': {
      if (n.lit !== 'number') {
        const hint = n.lit === 'string' && /^-?\d+$/.test(n.value) ? `write the number without quotes: ${n.value}` : 'write a whole number';
        mismatch(e, n, hint);
      }
      if (!/^-?\d+$/.test(n.value)) mismatch(e, n, 'write a whole number');
      const v = Number(n.value);
      const ok = e.type === 'int' ? v >= INT32.min && v <= INT32.max : Number.isSafeInteger(v);
      if (!ok) throw new ODataError(`${n.value} is out of range for the Edm.${EDM[e.type]} property '${e.name}'`, n.pos);
      return lit(v, e.type);
    }
    case 'double':
      if (n.lit !== 'number') mismatch(e, n, 'write a number');
      return lit(Number(n.value), 'double');
    case 'bool':
      if (n.lit !== 'bool') mismatch(e, n, 'write true or false');
      return lit(n.value === 'true', 'bool');
    case 'datetime':
      if (n.lit === 'datetime') return dt(dateTimeLiteral(n.value, n.pos));
      if (n.lit === 'string' && normalizeDateTime(n.value)) {
        throw new ODataError(
          `the DateTimeOffset value '${n.value}' must not be quoted; write ${e.name} ge ${n.value} (unquoted, e.g. 2024-07-01T00:00:00Z or 2024-07-01)`,
          n.pos,
        );
      }
      return mismatch(e, n, 'write an unquoted DateTimeOffset such as 2024-07-01T00:00:00Z');
    default:
      return mismatch(e, n, `'${e.name}' cannot be compared with a literal`);
  }
}
