// Wraps Microsoft's KQL parser (@kusto/language-service-next, the parser behind Kusto Explorer and
// the Azure portal) so the lowering never touches its Bridge.NET objects. The library defines
// globals (Bridge, System, Kusto) and takes ~0.4 s to load plus ~1 s for the first parse, so it is
// loaded once, lazily, and `warmKqlParser()` lets servers pay that at startup instead of on the
// first query. The result is a plain tree: named children by the library's own child names, lists
// flattened (separators dropped), tokens with their text.
import { createRequire } from 'node:module';
import { KqlError, positionOf } from './kql-errors.ts';

export interface PNode {
  /** SyntaxKind name, e.g. 'FilterOperator', 'IdentifierToken', 'List'. */
  readonly kind: string;
  readonly start: number;
  readonly end: number;
  /** Token text (tokens only). */
  readonly text?: string;
  /** Named children (null when the optional child is absent). */
  readonly c: Readonly<Record<string, PNode | null>>;
  /** Elements of a List (SeparatedElement wrappers removed). */
  readonly items: readonly PNode[];
}

interface BridgeElement {
  Kind: number;
  IsToken: boolean;
  Text: string;
  TextStart: number;
  Width: number;
  ChildCount: number;
  GetChild(i: number): BridgeElement | null;
  GetName?(i: number): string | null;
}

interface KustoGlobals {
  Language: {
    KustoCode: { Parse(text: string): { Syntax: BridgeElement; GetSyntaxDiagnostics(): { Count: number; getItem(i: number): { Message: string; Start: number; Length: number } } } };
    Syntax: { SyntaxKind: unknown };
  };
}

let kusto: KustoGlobals | null = null;
let kindNames: Map<number, string> | null = null;

function load(): KustoGlobals {
  if (kusto) return kusto;
  const require = createRequire(import.meta.url);
  require('@kusto/language-service-next/bridge.min.js');
  require('@kusto/language-service-next/Kusto.Language.Bridge.min.js');
  const g = globalThis as unknown as { Kusto: KustoGlobals; System: { Enum: { toString(t: unknown, v: number): string } } };
  kusto = g.Kusto;
  kindNames = new Map();
  const sys = g.System;
  const SK = kusto.Language.Syntax.SyntaxKind;
  const cache = kindNames;
  kindName = (k: number) => {
    let n = cache.get(k);
    if (n === undefined) {
      n = sys.Enum.toString(SK, k);
      cache.set(k, n);
    }
    return n;
  };
  return kusto;
}

let kindName: (k: number) => string = () => 'Unknown';

/** Load the parser and run one parse, so the first real query does not pay the warm-up. */
export function warmKqlParser(): void {
  parseKql('T | where A == 1 and B has "x" | summarize count() by bin(C, 1h) | join kind=leftouter (T) on D');
}

function convert(el: BridgeElement): PNode {
  const kind = kindName(el.Kind);
  const start = el.TextStart;
  const end = start + el.Width;
  if (el.IsToken) return { kind, start, end, text: el.Text, c: {}, items: [] };
  const c: Record<string, PNode | null> = {};
  const items: PNode[] = [];
  const isList = kind === 'List';
  for (let i = 0; i < el.ChildCount; i++) {
    const child = el.GetChild(i);
    if (isList) {
      if (!child) continue;
      const ck = kindName(child.Kind);
      if (ck === 'SeparatedElement') {
        const inner = child.GetChild(0);
        if (inner) items.push(convert(inner));
      } else if (!child.IsToken || ck !== 'CommaToken') {
        items.push(convert(child));
      }
      continue;
    }
    const name = el.GetName?.(i) ?? `#${i}`;
    c[name] = child ? convert(child) : null;
  }
  return { kind, start, end, c, items };
}

export interface ParsedKql {
  readonly text: string;
  readonly root: PNode;
}

/** Parse KQL text; syntax errors throw KqlError('IDT_KQL_SYNTAX') at the first diagnostic. */
export function parseKql(text: string): ParsedKql {
  const K = load();
  let code = K.Language.KustoCode.Parse(text);
  let diags = code.GetSyntaxDiagnostics();
  if (diags.Count > 0) {
    // Published Sentinel rules leave a comma before `by` (`make_set(x), by bin(t, 1h)`), which the
    // service runs; the language service reports a missing expression at the `by`. Blank exactly
    // those commas (offsets stay put) and take the result if nothing else is wrong.
    const lenient = withoutCommasBeforeBy(text, diags);
    if (lenient !== text) {
      const retry = K.Language.KustoCode.Parse(lenient);
      // An empty diagnostics list is a Bridge.NET type without `Count`.
      if (!(retry.GetSyntaxDiagnostics().Count > 0)) {
        code = retry;
        diags = retry.GetSyntaxDiagnostics();
      }
    }
  }
  if (diags.Count > 0) {
    const d = diags.getItem(0);
    throw new KqlError('IDT_KQL_SYNTAX', d.Message, positionOf(text, d.Start, d.Length));
  }
  return { text, root: convert(code.Syntax) };
}

type Diagnostics = ReturnType<ReturnType<KustoGlobals['Language']['KustoCode']['Parse']>['GetSyntaxDiagnostics']>;

function withoutCommasBeforeBy(text: string, diags: Diagnostics): string {
  const chars = [...text];
  for (let i = 0; i < diags.Count; i++) {
    const d = diags.getItem(i);
    if (!/^Missing expression/.test(d.Message) || !/^(?:\s|\/\/[^\n]*)*by\b/.test(text.slice(d.Start))) continue;
    let j = d.Start - 1;
    while (j >= 0 && /\s/.test(text[j]!)) j--;
    if (text[j] === ',') chars[j] = ' ';
  }
  return chars.join('');
}
