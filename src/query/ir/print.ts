// A readable one-line-per-relation rendering of a plan, used by golden tests and `--explain`.
import { assertNever, type Expr, type Relation } from './nodes.ts';

export function printExpr(e: Expr): string {
  switch (e.kind) {
    case 'literal':
      return e.type === 'datetime' ? `datetime(${e.value})` : JSON.stringify(e.value);
    case 'field':
      return e.path.join('/');
    case 'var':
      return [e.name, ...e.path].join('/');
    case 'compare':
      return `(${printExpr(e.left)} ${e.op}${e.caseInsensitive ? '~' : ''} ${printExpr(e.right)})`;
    case 'logic':
      return `(${e.args.map(printExpr).join(` ${e.op} `)})`;
    case 'not':
      return `not ${printExpr(e.arg)}`;
    case 'isNull':
      return `(${printExpr(e.arg)} is ${e.negated ? 'not ' : ''}null)`;
    case 'inList':
      return `(${printExpr(e.arg)} ${e.negated ? 'not in' : 'in'}${e.caseInsensitive ? '~' : ''} [${e.list.map(printExpr).join(', ')}])`;
    case 'arith':
      return `(${printExpr(e.left)} ${e.op} ${printExpr(e.right)})`;
    case 'negate':
      return `-${printExpr(e.arg)}`;
    case 'call':
      return `${e.fn}(${e.args.map(printExpr).join(', ')})`;
    case 'lambda':
      return `${printExpr(e.collection)}/${e.quantifier}(${e.variable}: ${printExpr(e.predicate)})`;
    case 'case':
      return `case(${e.whens.map((w) => `${printExpr(w.when)} => ${printExpr(w.then)}`).join(', ')}, else ${printExpr(e.otherwise)})`;
    case 'cast':
      return `${e.to}(${printExpr(e.arg)})`;
    case 'jsonPath':
      return `${printExpr(e.arg)}${e.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('')}`;
    case 'agg':
      return `${e.fn}(${e.distinct ? 'distinct ' : ''}${e.args.map(printExpr).join(', ')})${e.filter ? ` filter ${printExpr(e.filter)}` : ''}${e.orderBy ? ` order ${e.orderBy.map((k) => `${printExpr(k.expr)} ${k.direction}`).join(', ')}` : ''}`;
    case 'inRelation':
      return `(${printExpr(e.arg)} ${e.negated ? 'not in' : 'in'} {${printPlan(e.relation).replace(/\n\s*/g, ' <- ')}})`;
    case 'scalarSubquery':
      return `toscalar {${printPlan(e.relation).replace(/\n\s*/g, ' <- ')}}`;
    default:
      return assertNever(e, 'expression');
  }
}

export function printPlan(r: Relation, depth = 0): string {
  const pad = '  '.repeat(depth);
  const child = (c: Relation) => printPlan(c, depth + 1);
  switch (r.kind) {
    case 'scan':
      return `${pad}scan ${r.log} tenant=${r.tenantId}`;
    case 'filter':
      return `${pad}filter ${printExpr(r.predicate)}\n${child(r.input)}`;
    case 'project':
    case 'extend':
      return `${pad}${r.kind} ${r.columns.map((c) => `${c.name}=${printExpr(c.expr)}`).join(', ')}\n${child(r.input)}`;
    case 'drop':
      return `${pad}drop ${r.names.join(', ')}\n${child(r.input)}`;
    case 'aggregate':
      return `${pad}aggregate [${r.aggregates.map((c) => `${c.name}=${printExpr(c.expr)}`).join(', ')}] by [${r.groupBy.map((c) => `${c.name}=${printExpr(c.expr)}`).join(', ')}]\n${child(r.input)}`;
    case 'sort':
      return `${pad}sort ${r.keys.map((k) => `${printExpr(k.expr)} ${k.direction}`).join(', ')}\n${child(r.input)}`;
    case 'limit':
      return `${pad}limit ${r.count}\n${child(r.input)}`;
    case 'distinct':
      return `${pad}distinct\n${child(r.input)}`;
    case 'join':
      return `${pad}join ${r.type} on ${printExpr(r.on)}\n${child(r.left)}\n${child(r.right)}`;
    case 'union':
      return `${pad}union${r.sourceColumn ? ` withsource=${r.sourceColumn}` : ''}\n${r.inputs.map(child).join('\n')}`;
    case 'unnest':
      return `${pad}unnest ${printExpr(r.expr)} as ${r.as}${r.keepEmpty ? ' keepEmpty' : ''}\n${child(r.input)}`;
    case 'window':
      return `${pad}window ${r.columns.map((c) => `${c.name}=${c.fn}(${c.args.map(printExpr).join(', ')})`).join(', ')}\n${child(r.input)}`;
    case 'values':
      return `${pad}values ${r.columns.map((c) => c.name).join(', ')} (${r.rows.length} rows)`;
    default:
      return assertNever(r, 'relation');
  }
}
