// Kusto literal tokens → JS values: strings (all quoting forms), timespans (in nanoseconds, the
// IR's timespan unit), datetimes (normalized ISO-8601) and dynamic(...) JSON-like literals.
import { normalizeDateTime } from '../../model/normalize.ts';
import type { Ctx } from './kql-context.ts';
import type { PNode } from './kql-parser.ts';

export function parseStringToken(raw: string): string {
  let t = raw;
  if (/^[hH]/.test(t)) t = t.slice(1); // h"…" obfuscated strings are plain strings to us
  if (t.startsWith('```') || t.startsWith('~~~')) return t.slice(3, -3);
  if (t.startsWith('@')) {
    const q = t[1]!;
    return t.slice(2, -1).split(q + q).join(q);
  }
  const body = t.slice(1, -1);
  return body.replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (_m, c: string) => {
    if (c[0] === 'u' && c.length === 5) return String.fromCharCode(parseInt(c.slice(1), 16));
    if (c[0] === 'x' && c.length === 3) return String.fromCharCode(parseInt(c.slice(1), 16));
    return ({ n: '\n', t: '\t', r: '\r', '0': '\0' } as Record<string, string>)[c] ?? c;
  });
}

const NS: Record<string, number> = {
  d: 864e11, day: 864e11, days: 864e11,
  h: 36e11, hr: 36e11, hrs: 36e11, hour: 36e11, hours: 36e11,
  m: 6e10, min: 6e10, minute: 6e10, minutes: 6e10,
  s: 1e9, sec: 1e9, second: 1e9, seconds: 1e9,
  ms: 1e6, milli: 1e6, millis: 1e6, millisecond: 1e6, milliseconds: 1e6,
  microsecond: 1e3, microseconds: 1e3, tick: 100, ticks: 100, nanosecond: 1, nanoseconds: 1,
};

/** `5m`, `1.5h`, `time(1d)`, `timespan(01:30:00)`, `time(2.00:00:00)` → nanoseconds, or null. */
export function parseTimespan(raw: string): number | null | undefined {
  let t = raw.trim();
  const wrapped = /^(?:time|timespan)\s*\((.*)\)$/s.exec(t);
  if (wrapped) t = wrapped[1]!.trim();
  if (t === 'null') return null;
  const unit = /^(-?\d+(?:\.\d+)?)\s*([a-zA-Z]+)$/.exec(t);
  if (unit) {
    const k = NS[unit[2]!.toLowerCase()];
    return k === undefined ? undefined : Math.round(parseFloat(unit[1]!) * k);
  }
  const clock = /^(-)?(?:(\d+)\.)?(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?$/.exec(t);
  if (clock) {
    const [, neg, d = '0', h, m, s = '0', frac = ''] = clock;
    const ns = ((+d * 24 + +h!) * 3600 + +m! * 60 + +s) * 1e9 + Math.round(parseFloat(`0.${frac || '0'}`) * 1e9);
    return neg ? -ns : ns;
  }
  if (/^-?\d+(\.\d+)?$/.test(t)) return Math.round(parseFloat(t) * 864e11); // a bare number means days
  return undefined;
}

/** `datetime(2024-01-01 10:00)` → ISO, null for datetime(null), undefined when malformed. */
export function parseDatetimeToken(raw: string): string | null | undefined {
  const m = /^datetime\s*\((.*)\)$/s.exec(raw.trim());
  const body = (m ? m[1]! : raw).trim().replace(/^['"]|['"]$/g, '');
  if (body === 'null') return null;
  return normalizeDateTime(body) ?? undefined;
}

/** Lower the JSON-like body of dynamic(...) to a JS value (Kusto allows single quotes, datetimes, etc.). */
export function dynamicValue(ctx: Ctx, n: PNode): unknown {
  switch (n.kind) {
    case 'JsonArrayExpression':
      return (n.c['Values']?.items ?? []).map((i) => dynamicValue(ctx, i));
    case 'JsonObjectExpression': {
      const o: Record<string, unknown> = {};
      for (const p of n.c['Pairs']?.items ?? []) o[parseStringToken(p.c['Name']?.text ?? '""')] = dynamicValue(ctx, p.c['Value']!);
      return o;
    }
    case 'StringLiteralExpression':
      return parseStringToken(n.c['Token']?.text ?? '""');
    case 'LongLiteralExpression':
    case 'IntLiteralExpression':
    case 'RealLiteralExpression': {
      const t = n.c['Token']?.text ?? '';
      return /null/.test(t) ? null : Number(t.replace(/^\w+\((.*)\)$/, '$1'));
    }
    case 'BooleanLiteralExpression':
      return /true/i.test(n.c['Token']?.text ?? '');
    case 'NullLiteralExpression':
      return null;
    case 'DateTimeLiteralExpression':
      return parseDatetimeToken(n.c['Token']?.text ?? '') ?? null;
    case 'UnaryMinusExpression': {
      const v = dynamicValue(ctx, n.c['Expression']!);
      return typeof v === 'number' ? -v : v;
    }
    default:
      if (n.kind.endsWith('Token') && n.text === 'null') return null;
      return ctx.unsupported(`'${ctx.source(n)}' inside dynamic()`, n);
  }
}
