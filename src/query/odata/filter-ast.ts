// The syntax tree of an OData `$filter`, before names are resolved. It exists so the parser can be
// purely syntactic (and tested on its own) while resolution and type checking, which need the
// field catalogue, live in filter-to-ir.ts. Every node keeps the offset of its first token.

export type CompareOpName = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

export interface Segment {
  readonly name: string;
  readonly pos: number;
}

export type LiteralKind = 'string' | 'number' | 'datetime' | 'guid' | 'enum' | 'null' | 'bool';

export type FilterNode =
  | { readonly kind: 'logic'; readonly op: 'and' | 'or'; readonly args: readonly FilterNode[]; readonly pos: number }
  | { readonly kind: 'not'; readonly arg: FilterNode; readonly pos: number }
  | { readonly kind: 'compare'; readonly op: CompareOpName; readonly left: FilterNode; readonly right: FilterNode; readonly pos: number }
  | { readonly kind: 'in'; readonly arg: FilterNode; readonly list: readonly FilterNode[]; readonly pos: number }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly FilterNode[]; readonly pos: number }
  | { readonly kind: 'path'; readonly segments: readonly Segment[]; readonly pos: number }
  | {
      readonly kind: 'lambda';
      readonly quantifier: 'any' | 'all';
      /** The collection path before `/any(`. */
      readonly collection: readonly Segment[];
      /** null for the argument-less form `tags/any()` (the collection is not empty). */
      readonly variable: Segment | null;
      readonly predicate: FilterNode | null;
      readonly pos: number;
    }
  | {
      readonly kind: 'literal';
      readonly lit: LiteralKind;
      /** Source form: unescaped string, number/datetime/guid text, enum member, 'true'/'false'. */
      readonly value: string;
      readonly qualifier?: string;
      readonly pos: number;
    };

/** Renders the tree back to canonical OData text (used by tests and for round-trip fuzzing). */
export function printFilterAst(n: FilterNode): string {
  switch (n.kind) {
    case 'logic':
      return `(${n.args.map(printFilterAst).join(` ${n.op} `)})`;
    case 'not':
      return `not ${printFilterAst(n.arg)}`;
    case 'compare':
      return `${printFilterAst(n.left)} ${n.op} ${printFilterAst(n.right)}`;
    case 'in':
      return `${printFilterAst(n.arg)} in (${n.list.map(printFilterAst).join(', ')})`;
    case 'call':
      return `${n.name}(${n.args.map(printFilterAst).join(', ')})`;
    case 'path':
      return n.segments.map((s) => s.name).join('/');
    case 'lambda': {
      const coll = n.collection.map((s) => s.name).join('/');
      if (!n.variable || !n.predicate) return `${coll}/${n.quantifier}()`;
      return `${coll}/${n.quantifier}(${n.variable.name}: ${printFilterAst(n.predicate)})`;
    }
    case 'literal':
      if (n.lit === 'string') return `'${n.value.replace(/'/g, "''")}'`;
      if (n.lit === 'enum') return `${n.qualifier}'${n.value.replace(/'/g, "''")}'`;
      return n.value;
  }
}
