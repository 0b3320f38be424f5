// parse_url() and format_timespan(): two functions hunting queries use to slice URLs and to print
// durations. format_timespan's format is read here, at lowering time, into a concatenation of
// integer parts, so every backend only needs exact integer division and zero padding.
import type { Expr } from '../ir/index.ts';
import { call, caseWhen, isNull, lit } from '../ir/index.ts';
import type { Typed } from './kql-context.ts';
import { asString, convert } from './kql-coerce.ts';
import type { Env } from './kql-expressions.ts';
import type { PNode } from './kql-parser.ts';

type Impl = (a: Typed[], env: Env, n: PNode) => Typed;

const DAY = 864e11, HOUR = 36e11, MINUTE = 6e10, SECOND = 1e9, TICK = 100;

/** The delimiters Kusto documents for format_timespan; any other character is refused. */
const DELIMITERS = new Set([' ', '/', '-', ':', ',', '.', '_', '[', ']']);

/** Longest run of each element letter Kusto accepts. */
const MAX_RUN: Record<string, number> = { d: 8, f: 7, F: 7, h: 2, H: 2, m: 2, s: 2 };

/** One element of a format: a zero-padded integer part of the timespan, or literal text. */
function element(letter: string, width: number, ns: Expr): Expr {
  const part = (unit: number, modulo: number) => call('timespan_part', ns, lit(unit), lit(modulo));
  switch (letter) {
    case 'd':
      // Days are not reduced: a timespan of 400 days prints 400 with `d`.
      return call('zero_pad', part(DAY, Number.MAX_SAFE_INTEGER), lit(width));
    case 'h':
    case 'H':
      return call('zero_pad', part(HOUR, 24), lit(width));
    case 'm':
      return call('zero_pad', part(MINUTE, 60), lit(width));
    case 's':
      return call('zero_pad', part(SECOND, 60), lit(width));
    default: {
      // f…/F…: the first `width` digits of the seven-digit tick fraction; F drops trailing zeros
      // (and prints nothing for zero).
      const digits = call('zero_pad', part(TICK * 10 ** (7 - width), 10 ** width), lit(width));
      return letter === 'f' ? digits : call('replace_regex', digits, lit('0+$'), lit(''));
    }
  }
}

/**
 * format_timespan(ts, format). Like .NET's custom TimeSpan formats, which Kusto's follow, the
 * elements carry no sign: a negative timespan prints its magnitude.
 */
const formatTimespan: Impl = ([ts, fmt], env, n) => {
  if (fmt?.e.kind !== 'literal' || typeof fmt.e.value !== 'string') return env.ctx.unsupported('format_timespan() with a format that is not a constant', n);
  const format = fmt.e.value;
  const ns = convert(ts!, 'timespan');
  const parts: Expr[] = [];
  for (let i = 0; i < format.length;) {
    const ch = format[i]!;
    let j = i;
    while (format[j] === ch) j++;
    const run = j - i;
    if (MAX_RUN[ch] !== undefined) {
      if (run > MAX_RUN[ch]!) return env.ctx.fail('IDT_KQL_SEMANTIC', `format_timespan: '${ch.repeat(run)}' is too long (at most ${MAX_RUN[ch]} '${ch}')`, n);
      parts.push(element(ch, run, ns));
    } else if (DELIMITERS.has(ch)) parts.push(lit(ch.repeat(run)));
    else return env.ctx.fail('IDT_KQL_SEMANTIC', `format_timespan: '${ch}' is neither a format element (d, f, F, h, H, m, s) nor a delimiter (space / - : , . _ [ ])`, n);
    i = j;
  }
  if (parts.length === 0) return { e: lit(''), t: 'string' };
  return { e: caseWhen([{ when: isNull(ns), then: lit(null, 'string') }], call('concat', ...parts)), t: 'string' };
};

const parseUrl: Impl = ([url]) => ({ e: call('parse_url', asString(url!)), t: 'dynamic' });

export const URL_TIMESPAN_FUNCTIONS: Record<string, Impl> = {
  parse_url: parseUrl,
  parseurl: parseUrl,
  format_timespan: formatTimespan,
};
