// Regex helpers of the KQL front end: counting a pattern's capture groups and rewriting it so one
// chosen group is its only one. Engines differ in which groups their extract functions can return
// (ClickHouse 18.16's only the first), so the lowering renumbers instead of relying on them.
import type { Expr } from '../ir/index.ts';
import { call, lit } from '../ir/index.ts';
import type { Typed } from './kql-context.ts';
import { asString } from './kql-coerce.ts';
import type { Env } from './kql-expressions.ts';
import type { PNode } from './kql-parser.ts';

/** A user's regex with its capturing groups made non-capturing, so group numbers stay ours. */
export function uncaptured(re: string): string {
  return onlyGroup(re, 0);
}

/**
 * The regex with only its `keep`-th capturing group (1-based; 0 for none) still capturing, so that
 * group is group 1 whatever engine runs it (some only return the first group).
 */
export function onlyGroup(re: string, keep: number): string {
  let out = '';
  let n = 0;
  for (let i = 0; i < re.length; i++) {
    const ch = re[i]!;
    if (ch === '\\') {
      out += ch + (re[i + 1] ?? '');
      i++;
    } else if (ch === '[') {
      // Copy a character class verbatim: parentheses inside it are literals.
      let j = i + 1;
      if (re[j] === ']') j++;
      while (j < re.length && re[j] !== ']') j += re[j] === '\\' ? 2 : 1;
      out += re.slice(i, j + 1);
      i = j;
    } else if (ch === '(' && re[i + 1] !== '?') out += ++n === keep ? '(' : '(?:';
    else if (ch === '(' && /^\(\?P?<[A-Za-z_]\w*>/.test(re.slice(i))) {
      const m = /^\(\?P?<[A-Za-z_]\w*>/.exec(re.slice(i))!;
      out += ++n === keep ? '(' : '(?:';
      i += m[0].length - 1;
    } else out += ch;
  }
  return out;
}

/** Capturing groups in a regex: unescaped `(` not starting `(?…)`, plus named `(?<n>…)`/`(?P<n>…)`. */
export function captureGroups(re: string): number {
  let n = 0;
  for (let i = 0; i < re.length; i++) {
    const ch = re[i];
    if (ch === '\\') i++;
    else if (ch === '[') {
      // Parentheses inside a character class are literals.
      for (i++; i < re.length && re[i] !== ']'; i++) if (re[i] === '\\') i++;
    } else if (ch === '(') {
      if (re[i + 1] !== '?') n++;
      else if (/^\(\?P?<[A-Za-z_]/.test(re.slice(i))) n++;
    }
  }
  return n;
}

/**
 * extract(regex, group, text). With constant arguments the regex is rewritten so the wanted group is
 * its only one (group 0: the whole regex in one group): every engine then returns group 1, including
 * those whose extract only knows the first group.
 */
export function extractCall(re: Typed, g: Typed, text: Expr, env: Env, n: PNode): Expr {
  if (re.e.kind !== 'literal' || typeof re.e.value !== 'string' || g.e.kind !== 'literal' || typeof g.e.value !== 'number') return call('extract', asString(re), g.e, text);
  const group = g.e.value;
  const groups = captureGroups(re.e.value);
  if (!Number.isInteger(group) || group < 0 || group > groups) return env.ctx.fail('IDT_KQL_SEMANTIC', `extract(): the regex has ${groups} capture group${groups === 1 ? '' : 's'}, so there is no group ${group}`, n);
  const pattern = group === 0 ? `(${onlyGroup(re.e.value, 0)})` : onlyGroup(re.e.value, group);
  return call('extract', lit(pattern), lit(1), text);
}
