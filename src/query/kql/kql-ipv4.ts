// IPv4 functions of Kusto: parse_ipv4(), parse_ipv4_mask(), ipv4_is_private(), ipv4_is_in_range()
// and ipv4_is_in_any_range(). Addresses are dotted text in the logs; each becomes its number
// (big-endian, as Kusto's long) from the four octets, so every backend needs only split and
// arithmetic. Text that is not an IPv4 address, or a prefix over 32, gives null, as documented.
import type { Expr, IrType } from '../ir/index.ts';
import { and, arith, call, caseWhen, cmp, lit, or } from '../ir/index.ts';
import type { Typed } from './kql-context.ts';
import { asString, convert } from './kql-coerce.ts';
import type { Env } from './kql-expressions.ts';
import type { PNode } from './kql-parser.ts';

type Impl = (a: Typed[], env: Env, n: PNode) => Typed;

const T = (e: Expr, t: IrType): Typed => ({ e, t });
const DOTTED = '^[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}$';
const WITH_PREFIX = '^[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}(/[0-9]{1,2})?$';

/** RFC 1918 private IPv4 ranges: 10/8, 172.16/12, 192.168/16 (dotted text). */
const PRIVATE_IPV4 = '^(10\\.|172\\.(1[6-9]|2[0-9]|3[01])\\.|192\\.168\\.)[0-9.]+$';

// Octets and prefix are read with extract() (one capture group), which every backend has; a JSON
// index into split() is not available on ClickHouse 18.16.
const group = (text: Expr, re: string): Expr => convert(T(call('extract', lit(re), lit(1), text), 'string'), 'long');
const octet = (text: Expr, i: number): Expr => group(text, `^(?:[0-9]{1,3}\\.){${i}}([0-9]{1,3})`);

/** The address as a number, and whether every octet is at most 255 (dotted text assumed). */
function addressNumber(text: Expr): { num: Expr; octetsOk: Expr } {
  const octets = [0, 1, 2, 3].map((i) => octet(text, i));
  return {
    num: octets.reduce<Expr>((acc, o) => arith('add', arith('mul', acc, lit(256)), o), lit(0)),
    octetsOk: and(...octets.map((o) => cmp('le', o, lit(255)))),
  };
}

/** `num` with its low (32 - prefix) bits cleared, or null when the prefix is over 32. */
function masked(num: Expr, prefix: Expr, valid: Expr): Typed {
  const unit = call('pow', lit(2), arith('sub', lit(32), prefix));
  const value = convert(T(arith('mul', call('floor', arith('div', num, unit)), unit), 'double'), 'long');
  return T(caseWhen([{ when: and(valid, cmp('ge', prefix, lit(0)), cmp('le', prefix, lit(32))), then: value }], lit(null, 'long')), 'long');
}

function parseIpv4(ip: Typed): Typed {
  const text = call('trim', asString(ip));
  const { num, octetsOk } = addressNumber(text);
  const hasPrefix = call('matches_regex', text, lit('/'));
  const prefix = caseWhen([{ when: hasPrefix, then: group(text, '/([0-9]{1,2})$') }], lit(32));
  return masked(num, prefix, and(call('matches_regex', text, lit(WITH_PREFIX)), octetsOk));
}

function parseIpv4Mask(ip: Typed, prefix: Typed): Typed {
  const text = call('trim', asString(ip));
  const { num, octetsOk } = addressNumber(text);
  return masked(num, convert(prefix, 'long'), and(call('matches_regex', text, lit(DOTTED)), octetsOk));
}

/** Whether `ip` (dotted text) lies in each constant range "a.b.c.d/n": the top n bits compared as numbers. */
function inRanges(ip: Typed, ranges: readonly string[], env: Env, n: PNode): Expr {
  const text = asString(ip);
  const { num, octetsOk } = addressNumber(text);
  const within = ranges.map((range) => {
    const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/.exec(range.trim());
    const bits = m ? Number(m[5] ?? 32) : NaN;
    if (!m || bits > 32 || m.slice(1, 5).some((o) => Number(o) > 255)) return env.ctx.fail('IDT_KQL_SEMANTIC', `'${range}' is not an IPv4 range`, n);
    const unit = 2 ** (32 - bits);
    const prefix = Math.floor(m.slice(1, 5).reduce((acc, o) => acc * 256 + Number(o), 0) / unit);
    return cmp('eq', call('floor', arith('div', num, lit(unit))), lit(prefix));
  });
  // An address that does not convert gives null, as documented.
  return caseWhen([{ when: and(call('matches_regex', text, lit(DOTTED)), octetsOk), then: or(...within) }], lit(null, 'bool'));
}

/** The constant ranges of ipv4_is_in_any_range: further arguments, or one dynamic array. */
function constantRanges(args: readonly Typed[], env: Env, n: PNode): string[] {
  const out: string[] = [];
  for (const a of args) {
    if (a.e.kind !== 'literal' || typeof a.e.value !== 'string') return env.ctx.unsupported('ipv4_is_in_any_range() with ranges that are not constants', n);
    if (a.t !== 'dynamic') {
      out.push(a.e.value);
      continue;
    }
    const parsed = JSON.parse(a.e.value) as unknown;
    if (!Array.isArray(parsed) || !parsed.every((r) => typeof r === 'string')) return env.ctx.fail('IDT_KQL_SEMANTIC', 'ipv4_is_in_any_range() takes ranges as strings or a dynamic array of strings', n);
    out.push(...parsed);
  }
  return out;
}

const constRange = (x: Typed | undefined, env: Env, n: PNode): string =>
  x?.e.kind === 'literal' && typeof x.e.value === 'string' ? x.e.value : env.ctx.unsupported('a non-constant text argument here', n);

export const IPV4_FUNCTIONS: Record<string, Impl> = {
  parse_ipv4: ([ip]) => parseIpv4(ip!),
  parse_ipv4_mask: ([ip, prefix]) => parseIpv4Mask(ip!, prefix!),
  ipv4_is_private: ([ip]) => T(call('matches_regex', asString(ip!), lit(PRIVATE_IPV4)), 'bool'),
  ipv4_is_in_range: ([ip, range], env, n) => T(inRanges(ip!, [constRange(range, env, n)], env, n), 'bool'),
  ipv4_is_in_any_range: ([ip, ...ranges], env, n) => {
    const list = constantRanges(ranges, env, n);
    if (list.length === 0) return env.ctx.fail('IDT_KQL_SEMANTIC', 'ipv4_is_in_any_range() needs at least one range', n);
    return T(inRanges(ip!, list, env, n), 'bool');
  },
};
