// Recursive-descent parser for OData `$filter` text → FilterNode tree (syntax only; names are
// resolved in filter-to-ir.ts). Precedence, lowest first: or < and < not < comparison.
// `and`/`or` chains are parsed with loops, not recursion, so a hand-written chain of hundreds of
// `or` terms costs no stack; only parentheses, `not` and lambdas nest, and they are capped.
import type { CompareOpName, FilterNode, Segment } from './filter-ast.ts';
import { tokenize, type Token } from './filter-lexer.ts';
import { ODataError } from './odata-error.ts';

const COMPARE_OPS = new Set<string>(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
/** Deepest nesting of parentheses, `not` and lambdas; far beyond what people write. */
export const MAX_DEPTH = 40;

function describe(t: Token): string {
  if (t.kind === 'eof') return 'the end of the filter';
  if (t.kind === 'string') return `'${t.value.length > 30 ? t.value.slice(0, 30) + '…' : t.value}'`;
  return `'${t.value.length > 30 ? t.value.slice(0, 30) + '…' : t.value}'`;
}

class Parser {
  private i = 0;
  private depth = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)]!;
  }
  private next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.i++;
    return t;
  }
  private isWord(t: Token, word: string): boolean {
    return t.kind === 'name' && t.value.toLowerCase() === word;
  }
  private expect(kind: Token['kind'], what: string): Token {
    const t = this.peek();
    if (t.kind !== kind) throw new ODataError(`expected ${what} but found ${describe(t)}`, t.pos);
    return this.next();
  }
  private enter(pos: number): void {
    if (++this.depth > MAX_DEPTH) throw new ODataError(`the filter nests more than ${MAX_DEPTH} levels deep`, pos);
  }

  parseAll(): FilterNode {
    if (this.peek().kind === 'eof') throw new ODataError('the filter is empty', 0);
    const n = this.orExpr();
    const t = this.peek();
    if (t.kind !== 'eof') {
      const hint = t.kind === ')' ? 'an unmatched closing parenthesis' : `${describe(t)}; expected 'and', 'or' or the end of the filter`;
      throw new ODataError(`unexpected ${hint}`, t.pos);
    }
    return n;
  }

  private orExpr(): FilterNode {
    const first = this.andExpr();
    if (!this.isWord(this.peek(), 'or')) return first;
    const args = [first];
    while (this.isWord(this.peek(), 'or')) {
      this.next();
      args.push(this.andExpr());
    }
    return { kind: 'logic', op: 'or', args, pos: first.pos };
  }

  private andExpr(): FilterNode {
    const first = this.unary();
    if (!this.isWord(this.peek(), 'and')) return first;
    const args = [first];
    while (this.isWord(this.peek(), 'and')) {
      this.next();
      args.push(this.unary());
    }
    return { kind: 'logic', op: 'and', args, pos: first.pos };
  }

  private unary(): FilterNode {
    const t = this.peek();
    // `not` followed by an operator would be a property called "not"; there is none, so it is the keyword.
    if (this.isWord(t, 'not')) {
      this.next();
      this.enter(t.pos);
      const arg = this.unary();
      this.depth--;
      return { kind: 'not', arg, pos: t.pos };
    }
    return this.comparison();
  }

  private comparison(): FilterNode {
    const left = this.operand();
    const t = this.peek();
    if (t.kind === 'name' && COMPARE_OPS.has(t.value.toLowerCase())) {
      this.next();
      const right = this.operand();
      return { kind: 'compare', op: t.value.toLowerCase() as CompareOpName, left, right, pos: t.pos };
    }
    if (this.isWord(t, 'in')) {
      this.next();
      this.expect('(', "'(' after 'in'");
      const list = [this.operand()];
      while (this.peek().kind === ',') {
        this.next();
        list.push(this.operand());
      }
      this.expect(')', "',' or ')' in the 'in' list");
      return { kind: 'in', arg: left, list, pos: t.pos };
    }
    if (t.kind === 'name' && !['and', 'or'].includes(t.value.toLowerCase())) {
      throw new ODataError(`unknown operator ${describe(t)}; expected eq, ne, gt, ge, lt, le or in`, t.pos);
    }
    return left;
  }

  private operand(): FilterNode {
    const t = this.peek();
    switch (t.kind) {
      case '(': {
        this.next();
        this.enter(t.pos);
        const inner = this.orExpr();
        this.depth--;
        this.expect(')', "')'");
        return inner;
      }
      case 'string':
      case 'number':
      case 'datetime':
      case 'guid':
        this.next();
        return { kind: 'literal', lit: t.kind, value: t.value, pos: t.pos };
      case 'enum':
        this.next();
        return { kind: 'literal', lit: 'enum', value: t.value, qualifier: t.qualifier ?? '', pos: t.pos };
      case 'name': {
        const lower = t.value.toLowerCase();
        if (lower === 'null') {
          this.next();
          return { kind: 'literal', lit: 'null', value: 'null', pos: t.pos };
        }
        if (lower === 'true' || lower === 'false') {
          this.next();
          return { kind: 'literal', lit: 'bool', value: lower, pos: t.pos };
        }
        if (this.peek(1).kind === '(') return this.call();
        return this.path();
      }
      default:
        throw new ODataError(`expected a property, a literal or '(' but found ${describe(t)}`, t.pos);
    }
  }

  private call(): FilterNode {
    const name = this.next();
    this.next(); // '('
    this.enter(name.pos);
    const args: FilterNode[] = [];
    if (this.peek().kind !== ')') {
      args.push(this.operand());
      while (this.peek().kind === ',') {
        this.next();
        args.push(this.operand());
      }
    }
    this.expect(')', `',' or ')' in the arguments of ${name.value}`);
    this.depth--;
    return { kind: 'call', name: name.value, args, pos: name.pos };
  }

  private path(): FilterNode {
    const first = this.next();
    const segments: Segment[] = [{ name: first.value, pos: first.pos }];
    while (this.peek().kind === '/') {
      this.next();
      const seg = this.expect('name', 'a property name after /');
      const q = seg.value.toLowerCase();
      if ((q === 'any' || q === 'all') && this.peek().kind === '(') return this.lambda(segments, q, seg);
      segments.push({ name: seg.value, pos: seg.pos });
    }
    return { kind: 'path', segments, pos: first.pos };
  }

  private lambda(collection: Segment[], quantifier: 'any' | 'all', at: Token): FilterNode {
    this.next(); // '('
    this.enter(at.pos);
    let variable: Segment | null = null;
    let predicate: FilterNode | null = null;
    if (this.peek().kind !== ')') {
      const v = this.expect('name', `a variable name in ${quantifier}(v: …)`);
      this.expect(':', `':' after the lambda variable '${v.value}'`);
      variable = { name: v.value, pos: v.pos };
      predicate = this.orExpr();
    } else if (quantifier === 'all') {
      throw new ODataError('all() needs a predicate: all(v: …)', at.pos);
    }
    this.expect(')', `')' closing ${quantifier}(`);
    this.depth--;
    return { kind: 'lambda', quantifier, collection, variable, predicate, pos: collection[0]!.pos };
  }
}

export function parseFilterSyntax(text: string): FilterNode {
  return new Parser(tokenize(text)).parseAll();
}
