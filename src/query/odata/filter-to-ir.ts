// FilterNode → IR: resolve names through the field catalogue (ignoring case), enforce the operators
// each property documents, type-check literals, and lower to IR with OData's two-valued logic
// (a comparison with a null property is false, so `not` never lets SQL's unknown leak through).
import type { CatalogueEntry, FieldCatalogue, GraphVersion, LogKindDef } from '../../model/index.ts';
import {
  and, call, cmp, field, inList, isNull, lambda, lit, not, or, v, type CompareOp, type Expr,
} from '../ir/index.ts';
import type { FilterNode, Segment } from './filter-ast.ts';
import { typedLiteral } from './filter-literals.ts';
import { enumLiteralMembers } from './filter-evolvable.ts';
import { foldOrChains } from './filter-fold.ts';
import { ODataError } from './odata-error.ts';

type LiteralNode = Extract<FilterNode, { kind: 'literal' }>;

/** A resolved property reference: the IR expression and the catalogue entry that types it. */
interface Ref {
  readonly kind: 'ref';
  readonly expr: Expr;
  readonly entry: CatalogueEntry;
  readonly pos: number;
}

interface Scope {
  readonly name: string;
  readonly list: CatalogueEntry;
}

const FLIP: Record<CompareOp, CompareOp> = { eq: 'eq', ne: 'ne', gt: 'lt', ge: 'le', lt: 'gt', le: 'ge' };
const STRING_FUNCTIONS = ['startswith', 'endswith', 'contains'] as const;

/** The scalar item of a list of scalars, typed like a property so the same checks apply. */
function itemEntry(list: CatalogueEntry): CatalogueEntry | undefined {
  if (list.schema.kind !== 'list' || list.schema.item.kind !== 'scalar') return undefined;
  const item = list.schema.item;
  return {
    path: list.path, name: list.name, schema: item, type: item.type, filter: item.meta.filter ?? [],
    orderby: false, beta: list.beta, v1Only: list.v1Only, ...(item.meta.enum ? { enumValues: item.meta.enum } : {}),
  };
}

export class FilterLowerer {
  readonly fields = new Set<string>();
  private scopes: Scope[] = [];
  /** Provisioning filters are case-sensitive (spec 3.2); the other kinds compare strings ignoring case. */
  private readonly caseSensitive: boolean;

  constructor(
    private readonly cat: FieldCatalogue,
    private readonly def: LogKindDef,
    private readonly version: GraphVersion,
    /** The request sent `Prefer: include-unknown-enum-members` (see filter-evolvable.ts). */
    private readonly includeUnknownEnums: boolean,
  ) {
    this.caseSensitive = def.kind === 'provisioning';
  }

  /** The members an enum literal stands for under the request's enum preference, or null. */
  private members(entry: CatalogueEntry, lv: Expr, pos: number): Expr[] | null {
    if (!entry.enumValues || lv.kind !== 'literal' || typeof lv.value !== 'string') return null;
    return enumLiteralMembers(entry, lv.value, this.includeUnknownEnums, pos);
  }

  private visible(e: CatalogueEntry): boolean {
    return this.version === 'beta' ? !e.v1Only : !e.beta;
  }

  private unknown(segments: readonly Segment[], upto: number, on: string): never {
    const s = segments[upto]!;
    throw new ODataError(`could not find a property named '${s.name}' on type '${on}'`, s.pos, 'IDT_FIELD_UNKNOWN');
  }

  /** Resolve a path, reporting the first segment that does not exist. */
  private resolve(segments: readonly Segment[]): Ref {
    const head = segments[0]!;
    const scope = [...this.scopes].reverse().find((s) => s.name === head.name);
    if (scope) {
      const rest = segments.slice(1).map((s) => s.name);
      if (rest.length === 0) {
        const item = itemEntry(scope.list);
        if (!item) throw new ODataError(`'${head.name}' is an object; filter on one of its properties, e.g. ${head.name}/id`, head.pos);
        return { kind: 'ref', expr: v(head.name), entry: item, pos: head.pos };
      }
      for (let k = 1; k <= rest.length; k++) {
        const e = this.cat.lookupIn(scope.list, rest.slice(0, k));
        if (!e || !this.visible(e)) this.unknown(segments, k, `the items of ${scope.list.name}`);
      }
      const e = this.cat.lookupIn(scope.list, rest)!;
      return { kind: 'ref', expr: v(head.name, ...e.path), entry: e, pos: head.pos };
    }
    for (let k = 1; k <= segments.length; k++) {
      const e = this.cat.lookup(segments.slice(0, k).map((s) => s.name));
      if (!e || !this.visible(e)) this.unknown(segments, k - 1, this.def.entityType);
    }
    const e = this.cat.lookup(segments.map((s) => s.name))!;
    this.fields.add(e.path[0]!);
    return { kind: 'ref', expr: field(...e.path), entry: e, pos: head.pos };
  }

  private requireOp(ref: Ref, op: string, pos: number): void {
    const f = ref.entry.filter;
    if (f.length === 0) {
      throw new ODataError(`the property '${ref.entry.name}' cannot be used in a $filter clause`, ref.pos, 'IDT_FIELD_NOT_FILTERABLE');
    }
    // `ne` is accepted wherever `eq` is: `not(x eq v)` means the same and community scripts use it.
    const ok = f.includes(op as never) || (op === 'ne' && f.includes('eq')) ||
      ((op === 'endswith' || op === 'contains') && (f.includes('startswith') || f.includes('contains')));
    if (!ok) {
      const ops = f.filter((o) => o !== 'any').join(', ') || 'any()';
      throw new ODataError(`the operator '${op}' is not supported on '${ref.entry.name}'; supported: ${ops}`, pos, 'IDT_FIELD_NOT_FILTERABLE');
    }
  }

  private ci(ref: Ref): boolean {
    return !this.caseSensitive && ref.entry.type === 'string' && !ref.entry.enumValues;
  }

  lower(n: FilterNode): Expr {
    switch (n.kind) {
      case 'logic': {
        const args = n.args.map((a) => this.lower(a));
        return n.op === 'and' ? and(...args) : foldOrChains(or(...args));
      }
      case 'not':
        return not(nullSafe(this.lower(n.arg)));
      case 'compare':
        return this.compare(n);
      case 'in':
        return this.inList(n);
      case 'call':
        return this.call(n);
      case 'lambda':
        return this.lambda(n);
      case 'path': {
        const ref = this.resolve(n.segments);
        throw new ODataError(`'${ref.entry.name}' is not a condition; compare it with a value, e.g. ${ref.entry.name} eq …`, n.pos);
      }
      case 'literal':
        throw new ODataError(`expected a condition but found the literal ${n.value}`, n.pos);
    }
  }

  private operand(n: FilterNode): Ref | LiteralNode {
    if (n.kind === 'literal') return n;
    if (n.kind === 'path') return this.resolve(n.segments);
    throw new ODataError('expected a property or a literal here', n.pos);
  }

  private compare(n: Extract<FilterNode, { kind: 'compare' }>): Expr {
    // `startswith(x,'a') eq true`: OData allows comparing a boolean function with a literal.
    if (n.left.kind === 'call' || n.left.kind === 'lambda') {
      const p = this.lower(n.left);
      if (n.right.kind !== 'literal' || n.right.lit !== 'bool' || (n.op !== 'eq' && n.op !== 'ne')) {
        throw new ODataError(`a condition can only be compared with true or false using eq or ne`, n.pos);
      }
      return (n.op === 'eq') === (n.right.value === 'true') ? p : not(nullSafe(p));
    }
    let left = this.operand(n.left);
    let right = this.operand(n.right);
    let op: CompareOp = n.op;
    if (left.kind === 'literal' && right.kind === 'literal') throw new ODataError('a comparison needs a property on one side', n.pos);
    if (left.kind !== 'literal' && right.kind !== 'literal') throw new ODataError('comparing two properties is not supported', n.pos);
    if (left.kind === 'literal') {
      [left, right] = [right, left];
      op = FLIP[op];
    }
    const ref = left as Ref;
    const value = right as LiteralNode;
    if (ref.entry.type === 'list') return this.listCompare(ref, op, value, n.pos);
    if (ref.entry.type === 'object' || ref.entry.type === 'open') {
      throw new ODataError(`'${ref.entry.name}' is a complex property; filter on one of its properties, e.g. ${ref.entry.name}/…`, ref.pos);
    }
    this.requireOp(ref, op, n.pos);
    if (value.lit === 'null') {
      if (op !== 'eq' && op !== 'ne') throw new ODataError(`null can only be compared with eq or ne`, value.pos);
      return isNull(ref.expr, op === 'ne');
    }
    const lv = typedLiteral(ref.entry, value);
    const members = this.members(ref.entry, lv, value.pos);
    const c = members && (op === 'eq' || op === 'ne') ? inList(ref.expr, members, op === 'ne') : cmp(op, ref.expr, lv, this.ci(ref));
    // OData: `x ne 'a'` holds when x is null; SQL's `<>` would say unknown.
    return op === 'ne' && !ref.entry.schema.meta.required ? or(isNull(ref.expr), c) : c;
  }

  /** `riskEventTypes_v2 eq 'x'` (documented on the collection) means "some item equals x". */
  private listCompare(ref: Ref, op: CompareOp, value: LiteralNode, pos: number): Expr {
    const item = itemEntry(ref.entry);
    if (!item || !ref.entry.filter.includes(op as never)) {
      throw new ODataError(`'${ref.entry.name}' is a collection; use ${ref.entry.name}/any(x: x eq …)`, pos, 'IDT_FIELD_NOT_FILTERABLE');
    }
    if (value.lit === 'null') throw new ODataError(`a collection is never null; use ${ref.entry.name}/any() to test for items`, value.pos);
    const lv = typedLiteral(item, value);
    const members = this.members(item, lv, value.pos);
    const test = members && (op === 'eq' || op === 'ne') ? inList(v('$x'), members, op === 'ne') : cmp(op, v('$x'), lv, !this.caseSensitive && !item.enumValues);
    return lambda('any', ref.expr, '$x', test);
  }

  private inList(n: Extract<FilterNode, { kind: 'in' }>): Expr {
    const ref = this.operand(n.arg);
    if (ref.kind === 'literal') throw new ODataError(`'in' needs a property on its left`, n.pos);
    if (ref.entry.type === 'list' || ref.entry.type === 'object') {
      throw new ODataError(`'in' is not supported on the ${ref.entry.type === 'list' ? 'collection' : 'complex property'} '${ref.entry.name}'`, n.pos);
    }
    this.requireOp(ref, 'eq', n.pos);
    const values = n.list.map((x) => {
      if (x.kind !== 'literal' || x.lit === 'null') throw new ODataError(`the 'in' list takes non-null literals only`, x.pos);
      const lv = typedLiteral(ref.entry, x);
      return this.members(ref.entry, lv, x.pos) ?? [lv];
    }).flat();
    return { kind: 'inList', arg: ref.expr, list: values, negated: false, ...(this.ci(ref) ? { caseInsensitive: true } : {}) };
  }

  private call(n: Extract<FilterNode, { kind: 'call' }>): Expr {
    const name = n.name.toLowerCase() as (typeof STRING_FUNCTIONS)[number];
    if (!STRING_FUNCTIONS.includes(name)) {
      throw new ODataError(`unknown function '${n.name}'; supported: startswith, endswith, contains`, n.pos);
    }
    if (n.args.length !== 2) throw new ODataError(`${name}() takes 2 arguments (property, 'text'), got ${n.args.length}`, n.pos);
    const [a, b] = n.args as [FilterNode, FilterNode];
    if (a.kind !== 'path') throw new ODataError(`the first argument of ${name}() must be a property`, a.pos);
    if (b.kind !== 'literal' || b.lit !== 'string') throw new ODataError(`the second argument of ${name}() must be a quoted string`, b.pos);
    const ref = this.resolve(a.segments);
    const fn = this.caseSensitive ? `${name}_cs` : name;
    if (ref.entry.type === 'list') {
      const item = itemEntry(ref.entry);
      if (!item || !ref.entry.filter.includes(name as never)) {
        throw new ODataError(`'${ref.entry.name}' is a collection; use ${ref.entry.name}/any(x: ${name}(x, '…'))`, a.pos, 'IDT_FIELD_NOT_FILTERABLE');
      }
      return lambda('any', ref.expr, '$x', call(fn, v('$x'), lit(b.value)));
    }
    if (ref.entry.type !== 'string') {
      throw new ODataError(`${name}() needs a string property, but '${ref.entry.name}' is ${ref.entry.type}`, a.pos);
    }
    this.requireOp(ref, name, n.pos);
    return call(fn, ref.expr, lit(b.value));
  }

  private lambda(n: Extract<FilterNode, { kind: 'lambda' }>): Expr {
    const ref = this.resolve(n.collection);
    if (ref.entry.type !== 'list') throw new ODataError(`'${ref.entry.name}' is not a collection, so ${n.quantifier}() cannot be used on it`, n.pos);
    if (!ref.entry.filter.includes('any')) {
      throw new ODataError(`the collection '${ref.entry.name}' cannot be used in a $filter clause`, n.pos, 'IDT_FIELD_NOT_FILTERABLE');
    }
    if (!n.variable || !n.predicate) return cmp('gt', call('array_length', ref.expr), lit(0, 'long'));
    const name = n.variable.name;
    if (this.scopes.some((s) => s.name === name)) {
      throw new ODataError(`the lambda variable '${name}' is already in use by an enclosing lambda; pick a different one`, n.variable.pos);
    }
    this.scopes.push({ name, list: ref.entry });
    try {
      return lambda(n.quantifier, ref.expr, name, this.lower(n.predicate));
    } finally {
      this.scopes.pop();
    }
  }
}

/** Make a predicate two-valued: unknown (a comparison with null) becomes false. */
export function nullSafe(e: Expr): Expr {
  switch (e.kind) {
    case 'isNull':
    case 'not':
    case 'lambda':
      return e;
    case 'logic':
      return e.args.every((a) => nullSafe(a) === a) ? e : { ...e, args: e.args.map(nullSafe) };
    default:
      return call('coalesce', e, lit(false));
  }
}

export function lowerFilter(
  ast: FilterNode, cat: FieldCatalogue, def: LogKindDef, version: GraphVersion, includeUnknownEnums: boolean,
): { expr: Expr; fields: string[] } {
  const l = new FilterLowerer(cat, def, version, includeUnknownEnums);
  return { expr: l.lower(ast), fields: [...l.fields] };
}
