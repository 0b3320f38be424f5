// A small OData `$filter` for report and risk-detection entities (not log records: those go
// through query/odata against the field catalogue). Report rows are aggregates or derived
// entities, so a filter either runs on the shaped rows (evalFilter) or, for per-event lists,
// is lowered to IR over the expressions the entity's properties come from (lowerFilter).
// Grammar: expr := term (or term)*; term := factor (and factor)*; factor := not factor | (expr)
//   | prop op literal | startswith(prop, 'text'); ops eq ne gt ge lt le; literals 'text',
//   Namespace.enumType'member', numbers, true/false/null, dates and date-times.
import { and, call, cmp, dt, lit, not, or, type Expr } from '../query/ir/index.ts';
import { normalizeDateTime } from '../model/index.ts';

export type FilterValue = string | number | boolean | null;
export type FilterAst =
  | { readonly kind: 'cmp'; readonly prop: string; readonly op: 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le'; readonly value: FilterValue; readonly isTime: boolean }
  | { readonly kind: 'startswith'; readonly prop: string; readonly value: string }
  | { readonly kind: 'logic'; readonly op: 'and' | 'or'; readonly args: readonly FilterAst[] }
  | { readonly kind: 'not'; readonly arg: FilterAst };

export class ReportFilterError extends Error {
  constructor(message: string, readonly position: number) {
    super(message);
    this.name = 'ReportFilterError';
  }
}

// An enum member may be written with its type, `microsoft.graph.riskLevel'medium'` (Graph's own
// riskyUsers example does): it compares as the plain string.
const TOKEN = /\s*(?:(\()|(\))|(,)|'((?:[^']|'')*)'|(\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:\d{2})?)?)|(-?\d+(?:\.\d+)?)|(?:[A-Za-z_]\w*\.)+[A-Za-z_]\w*'((?:[^']|'')*)'|([A-Za-z_][\w/]*))/y;

interface Tok { t: '(' | ')' | ',' | 'str' | 'time' | 'num' | 'id'; v: string; pos: number }

function tokenize(text: string): Tok[] {
  const out: Tok[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
    const pos = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (!m) throw new ReportFilterError(`Invalid filter clause: unexpected text at position ${pos}`, pos);
    const at = pos + (m[0].length - m[0].trimStart().length);
    if (m[1]) out.push({ t: '(', v: '(', pos: at });
    else if (m[2]) out.push({ t: ')', v: ')', pos: at });
    else if (m[3]) out.push({ t: ',', v: ',', pos: at });
    else if (m[4] !== undefined) out.push({ t: 'str', v: m[4].replace(/''/g, "'"), pos: at });
    else if (m[7] !== undefined) out.push({ t: 'str', v: m[7].replace(/''/g, "'"), pos: at });
    else if (m[5]) out.push({ t: 'time', v: m[5], pos: at });
    else if (m[6]) out.push({ t: 'num', v: m[6], pos: at });
    else out.push({ t: 'id', v: m[8]!, pos: at });
  }
  return out;
}

/** Parse `$filter` text; `props` maps the entity's property names (any case) to canonical names. */
export function parseReportFilter(text: string, props: readonly string[]): FilterAst {
  const toks = tokenize(text);
  let i = 0;
  const canon = new Map(props.map((p) => [p.toLowerCase(), p]));
  const peek = () => toks[i];
  const fail = (msg: string): never => {
    throw new ReportFilterError(`Invalid filter clause: ${msg}`, peek()?.pos ?? text.length);
  };
  const kw = (w: string) => peek()?.t === 'id' && peek()!.v.toLowerCase() === w;
  const prop = (): string => {
    const t = toks[i++];
    if (t?.t !== 'id') return fail('expected a property name');
    const c = canon.get(t.v.toLowerCase());
    if (!c) throw new ReportFilterError(`Could not find a property named '${t.v}'.`, t.pos);
    return c;
  };
  const literal = (): { value: FilterValue; isTime: boolean } => {
    const t = toks[i++];
    if (!t) return fail('expected a value');
    if (t.t === 'str') return { value: t.v, isTime: false };
    if (t.t === 'num') return { value: Number(t.v), isTime: false };
    if (t.t === 'time') {
      const n = normalizeDateTime(t.v);
      if (!n) throw new ReportFilterError(`'${t.v}' is not a date-time`, t.pos);
      return { value: n, isTime: true };
    }
    if (t.t === 'id' && ['true', 'false', 'null'].includes(t.v.toLowerCase())) {
      const w = t.v.toLowerCase();
      return { value: w === 'null' ? null : w === 'true', isTime: false };
    }
    return fail(`unexpected '${t.v}'`);
  };
  const expect = (t: Tok['t']) => {
    if (peek()?.t !== t) fail(`expected '${t}'`);
    i++;
  };
  function factor(): FilterAst {
    if (kw('not')) {
      i++;
      return { kind: 'not', arg: factor() };
    }
    if (peek()?.t === '(') {
      i++;
      const e = expr();
      expect(')');
      return e;
    }
    if (kw('startswith') && toks[i + 1]?.t === '(') {
      i += 2;
      const p = prop();
      expect(',');
      const l = literal();
      expect(')');
      if (typeof l.value !== 'string') fail('startswith needs a string');
      return { kind: 'startswith', prop: p, value: l.value as string };
    }
    const p = prop();
    const opTok = toks[i++];
    const op = opTok?.t === 'id' ? opTok.v.toLowerCase() : '';
    if (!['eq', 'ne', 'gt', 'ge', 'lt', 'le'].includes(op)) return fail('expected eq, ne, gt, ge, lt or le');
    const l = literal();
    return { kind: 'cmp', prop: p, op: op as 'eq', value: l.value, isTime: l.isTime };
  }
  function term(): FilterAst {
    const args = [factor()];
    while (kw('and')) {
      i++;
      args.push(factor());
    }
    return args.length === 1 ? args[0]! : { kind: 'logic', op: 'and', args };
  }
  function expr(): FilterAst {
    const args = [term()];
    while (kw('or')) {
      i++;
      args.push(term());
    }
    return args.length === 1 ? args[0]! : { kind: 'logic', op: 'or', args };
  }
  const e = expr();
  if (i < toks.length) fail(`unexpected '${toks[i]!.v}'`);
  return e;
}

function get(row: Record<string, unknown>, prop: string): unknown {
  return prop.split('/').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), row) ?? null;
}

function compare(a: unknown, b: FilterValue, isTime: boolean): number | null {
  if (a === null || b === null) return null;
  if (isTime) return Date.parse(String(a)) - Date.parse(String(b));
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) === String(b) ? 0 : null;
}

export function evalFilter(f: FilterAst, row: Record<string, unknown>): boolean {
  switch (f.kind) {
    case 'logic':
      return f.op === 'and' ? f.args.every((a) => evalFilter(a, row)) : f.args.some((a) => evalFilter(a, row));
    case 'not':
      return !evalFilter(f.arg, row);
    case 'startswith': {
      const v = get(row, f.prop);
      return typeof v === 'string' && v.toLowerCase().startsWith(f.value.toLowerCase());
    }
    case 'cmp': {
      const v = get(row, f.prop);
      if (f.value === null) return f.op === 'eq' ? v === null : f.op === 'ne' ? v !== null : false;
      const c = compare(v, f.value, f.isTime);
      if (c === null) return f.op === 'ne';
      return { eq: c === 0, ne: c !== 0, gt: c > 0, ge: c >= 0, lt: c < 0, le: c <= 0 }[f.op];
    }
  }
}

/** Lower to IR: `props` gives the expression each entity property is computed from. */
export function lowerFilter(f: FilterAst, props: Readonly<Record<string, Expr>>): Expr {
  switch (f.kind) {
    case 'logic':
      return f.op === 'and' ? and(...f.args.map((a) => lowerFilter(a, props))) : or(...f.args.map((a) => lowerFilter(a, props)));
    case 'not':
      return not(lowerFilter(f.arg, props));
    case 'startswith':
      return call('startswith', props[f.prop]!, lit(f.value));
    case 'cmp': {
      const target = props[f.prop]!;
      if (f.value === null) return f.op === 'ne' ? { kind: 'isNull', arg: target, negated: true } : { kind: 'isNull', arg: target, negated: false };
      const value = f.isTime ? dt(String(f.value)) : lit(f.value);
      return cmp(f.op, target, value, typeof f.value === 'string' && !f.isTime);
    }
  }
}

/** The tightest [from, to) a filter's top-level `and` puts on a time property, to push into the scan. */
export function timeBounds(f: FilterAst | null, prop: string): { from?: string; to?: string } {
  const out: { from?: string; to?: string } = {};
  const clauses = !f ? [] : f.kind === 'logic' && f.op === 'and' ? f.args : [f];
  for (const c of clauses) {
    if (c.kind !== 'cmp' || c.prop !== prop || !c.isTime || typeof c.value !== 'string') continue;
    if (c.op === 'ge' || c.op === 'gt' || c.op === 'eq') out.from = !out.from || c.value > out.from ? c.value : out.from;
    if (c.op === 'lt' || c.op === 'le' || c.op === 'eq') {
      // Inclusive upper bounds become exclusive one tick later; days are whole, so add a day for dates.
      const end = new Date(Date.parse(c.value) + (c.op === 'lt' ? 0 : /T00:00:00Z$/.test(c.value) ? 86_400_000 : 1)).toISOString();
      out.to = !out.to || end < out.to ? end : out.to;
    }
  }
  return out;
}
