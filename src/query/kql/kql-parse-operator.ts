// KQL `parse` and `parse-where`: a pattern of constants, typed columns and `*` becomes one anchored
// regular expression; each new column is the text its part captured, converted to its type.
// Each column is extracted with its own copy of the pattern in which only that column's part
// captures, so every backend's extract() (some only return the first group) gives the same answer.
import type { Expr, IrType } from '../ir/index.ts';
import { call, extendRel, lit, named, where } from '../ir/index.ts';
import { nameOf, type Columns, type TRel } from './kql-context.ts';
import { asString, convert } from './kql-coerce.ts';
import { lowerExpr } from './kql-expressions.ts';
import { parseStringToken } from './kql-literals.ts';
import { uncaptured } from './kql-regex.ts';
import { exprEnv, type OpEnv } from './kql-operators.ts';
import type { PNode } from './kql-parser.ts';
import { kqlTypeName } from './kql-sources.ts';

type Part = { kind: 'text'; re: string } | { kind: 'skip' } | { kind: 'column'; name: string; type: IrType; node: PNode };

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What a typed column may match in strict modes (simple, regex); relaxed takes any text. */
function columnRegex(t: IrType, relaxed: boolean): string {
  if (relaxed) return '.*?';
  if (t === 'long' || t === 'int') return '-?\\d+';
  if (t === 'double') return '-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?';
  return '.*?';
}

export function lowerParse(op: PNode, input: TRel, o: OpEnv, filterUnparsed: boolean): TRel {
  const { ctx } = o;
  const params = new Map<string, string>();
  for (const p of op.c['Parameters']?.items ?? []) params.set(nameOf(p.c['Name']).toLowerCase(), ctx.source(p.c['Expression']!).trim());
  const kind = (params.get('kind') ?? 'simple').toLowerCase();
  if (kind !== 'simple' && kind !== 'regex' && kind !== 'relaxed') return ctx.unsupported(`parse kind=${kind}`, op);
  const flags = params.get('flags') ?? '';
  if (flags && (kind !== 'regex' || !/^[imsU]+$/.test(flags))) return ctx.unsupported(`parse flags=${flags}`, op);
  const env = exprEnv(o, input.cols);
  const text = asString(lowerExpr(op.c['Expression']!, env));
  const parts: Part[] = (op.c['Patterns']?.items ?? []).map((p): Part => {
    if (p.kind === 'StarExpression') return { kind: 'skip' };
    if (p.kind === 'StringLiteralExpression') {
      const s = parseStringToken(p.c['Token']!.text!);
      return { kind: 'text', re: kind === 'regex' ? uncaptured(s) : escapeRegex(s) };
    }
    if (p.kind === 'NameDeclaration' || p.kind === 'NameAndTypeDeclaration') {
      const typeNode = p.kind === 'NameAndTypeDeclaration' ? p.c['Type']! : null;
      const t = typeNode ? kqlTypeName(ctx.source(typeNode)) : 'string';
      if (!t || t === 'dynamic') return ctx.unsupported(`a parse column of type '${typeNode ? ctx.source(typeNode).trim() : ''}'`, p);
      return { kind: 'column', name: nameOf(p.kind === 'NameDeclaration' ? p : p.c['Name']), type: t, node: p };
    }
    return ctx.unsupported(`the parse pattern element '${ctx.source(p).trim()}'`, p);
  });
  const columns = parts.filter((p): p is Extract<Part, { kind: 'column' }> => p.kind === 'column');
  if (columns.length === 0) return ctx.fail('IDT_KQL_SEMANTIC', 'parse needs at least one column in its pattern', op);
  const prefix = `(?s${flags.replace(/s/g, '')})`;
  const pattern = (capture: Part | null) =>
    prefix + '^' + parts.map((p) => {
      if (p.kind === 'text') return p.re;
      if (p.kind === 'skip') return '.*?';
      const re = columnRegex(p.type, kind === 'relaxed');
      return p === capture ? `(${re})` : `(?:${re})`;
    }).join('') + '$';
  const outs = columns.map((c) => {
    const raw: Expr = call('extract', lit(pattern(c)), lit(1), text);
    return { name: c.name, t: c.type, e: c.type === 'string' ? raw : convert({ e: raw, t: 'string' }, c.type) };
  });
  const base = filterUnparsed ? where(input.rel, call('matches_regex', text, lit(pattern(null)))) : input.rel;
  const cols: Array<Columns[number]> = input.cols.map((c) => {
    const x = outs.find((y) => y.name === c[0]);
    return x ? ([c[0], x.t] as const) : c;
  });
  for (const x of outs) if (!input.cols.some((c) => c[0] === x.name)) cols.push([x.name, x.t]);
  return { rel: extendRel(base, outs.map((x) => named(x.name, x.e))), cols };
}
