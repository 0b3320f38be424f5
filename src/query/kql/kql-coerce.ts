// Kusto's implicit conversions, made explicit in the IR: tostring() of any type, numbers out of
// strings or dynamic values, and comparisons between mixed types (ResultType is a string column
// that real queries compare with numbers: `ResultType == 0` must select the rows of `== "0"`).
import type { CompareOp, Expr, IrType } from '../ir/index.ts';
import { call, cast, cmp, lit } from '../ir/index.ts';
import type { Typed } from './kql-context.ts';

export const isNumeric = (t: IrType) => t === 'int' || t === 'long' || t === 'double';

/** Leaf types whose text is the same read directly as through JSON (doubles and datetimes differ in format). */
const TEXT_SAME = new Set<IrType>(['string', 'long', 'int', 'bool']);

/** Kusto tostring(): never null, dynamic strings unquoted, datetimes ISO-8601. */
export function asString(x: Typed): Expr {
  if (x.t === 'dynamic' && x.leaf && TEXT_SAME.has(x.leaf.t)) return asString(x.leaf);
  switch (x.t) {
    case 'string':
      return x.e.kind === 'literal' ? x.e : call('coalesce', x.e, lit(''));
    case 'dynamic':
      return call('coalesce', call('dynamic_to_string', x.e), lit(''));
    case 'datetime':
      return call('coalesce', call('datetime_to_string', x.e), lit(''));
    case 'null':
      return lit('');
    case 'bool':
      // Kusto prints booleans as true/false; SQL engines agree when lower-cased.
      return call('coalesce', call('lower', cast(x.e, 'string')), lit(''));
    default:
      return call('coalesce', cast(x.e, 'string'), lit(''));
  }
}

/**
 * A value of a known type as dynamic. The typed forms are the same conversion; they exist so an
 * engine that keeps dynamic values as JSON text can build that text for each type.
 */
export function toDynamicCall(x: Typed): Expr {
  switch (x.t) {
    case 'string':
      return call('string_to_dynamic', x.e);
    case 'long':
    case 'int':
    case 'timespan':
      return call('long_to_dynamic', x.e);
    case 'bool':
      return call('bool_to_dynamic', x.e);
    case 'datetime':
      return call('datetime_to_dynamic', x.e);
    default:
      return call('to_dynamic', x.e);
  }
}

/** A value as `to`, the way Kusto's to*() functions convert (null when not convertible). */
export function convert(x: Typed, to: IrType): Expr {
  if (x.t === to) return x.e;
  // A dynamic that is a typed leaf converts from the leaf (same value, no JSON round trip).
  if (x.t === 'dynamic' && x.leaf && to !== 'dynamic') {
    const l = x.leaf;
    if (to === 'string' ? TEXT_SAME.has(l.t) : (isNumeric(to) && isNumeric(l.t)) || l.t === to) return convert(l, to);
  }
  if (x.t === 'null') return lit(null, to);
  if (to === 'string') return asString(x);
  if (to === 'dynamic') return x.t === 'string' ? call('parse_json', x.e) : toDynamicCall(x);
  const text = x.t === 'dynamic' ? call('dynamic_to_string', x.e) : x.t === 'string' ? x.e : null;
  if (isNumeric(to)) {
    if (isNumeric(x.t) || x.t === 'timespan') return cast(x.e, to);
    if (x.t === 'bool') return cast(x.e, to);
    if (text) return to === 'double' ? call('try_double', text) : call('try_long', text);
    if (x.t === 'datetime') return call('datetime_sub', x.e, lit('1970-01-01T00:00:00Z', 'datetime'));
  }
  if (to === 'bool') {
    if (text) return call('try_bool', text);
    return cast(x.e, 'bool');
  }
  if (to === 'datetime' && text) return call('try_datetime', text);
  if (to === 'timespan' && isNumeric(x.t)) return cast(x.e, 'long');
  return cast(x.e, to);
}

function literalNumberAsString(x: Typed): Typed | null {
  if (x.e.kind === 'literal' && typeof x.e.value === 'number' && Number.isInteger(x.e.value)) return { e: lit(String(x.e.value)), t: 'string' };
  return null;
}

/** The pair converted to a common type for comparison. */
export function unify(a: Typed, b: Typed, op: CompareOp): [Expr, Expr, IrType] {
  if (a.t === b.t) return a.t === 'dynamic' ? [asString(a), asString(b), 'string'] : [a.e, b.e, a.t];
  if (a.t === 'null' || b.t === 'null') return [a.e, b.e, a.t === 'null' ? b.t : a.t];
  if (isNumeric(a.t) && isNumeric(b.t)) return [a.e, b.e, 'double'];
  if (a.t === 'dynamic') return [convert(a, b.t), b.e, b.t];
  if (b.t === 'dynamic') return [a.e, convert(b, a.t), a.t];
  if (a.t === 'string' && isNumeric(b.t)) {
    const s = op === 'eq' || op === 'ne' ? literalNumberAsString(b) : null;
    return s ? [a.e, s.e, 'string'] : [convert(a, 'double'), b.e, 'double'];
  }
  if (b.t === 'string' && isNumeric(a.t)) {
    const s = op === 'eq' || op === 'ne' ? literalNumberAsString(a) : null;
    return s ? [s.e, b.e, 'string'] : [a.e, convert(b, 'double'), 'double'];
  }
  if (a.t === 'datetime' && b.t === 'string') return [a.e, convert(b, 'datetime'), 'datetime'];
  if (b.t === 'datetime' && a.t === 'string') return [convert(a, 'datetime'), b.e, 'datetime'];
  if (a.t === 'bool' && isNumeric(b.t)) return [cast(a.e, 'long'), b.e, 'long'];
  if (b.t === 'bool' && isNumeric(a.t)) return [a.e, cast(b.e, 'long'), 'long'];
  if (a.t === 'string' || b.t === 'string') return [asString(a), asString(b), 'string'];
  return [a.e, b.e, a.t];
}

export function compare(op: CompareOp, a: Typed, b: Typed, caseInsensitive = false): Expr {
  const [l, r, t] = unify(a, b, op);
  return cmp(op, l, r, caseInsensitive && t === 'string');
}
