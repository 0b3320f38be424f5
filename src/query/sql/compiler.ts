// IR → SQL text + bound parameters. One compiler for every dialect; dialects override hooks.
// Each relation becomes a SELECT; operators that can be folded into the SELECT below them
// (a filter on a scan, a sort then a limit) are, so simple plans stay one flat statement that
// engines can prune with zone maps. Every column list is explicit (ClickHouse 18.16 has no
// `* EXCLUDE`), which is why the compiler tracks each relation's output columns.

import {
  assertNever, type Expr, type LiteralExpr, type Relation, type SortKey,
} from '../ir/nodes.ts';
import { FUNCTIONS, isKnownFunction } from '../ir/functions.ts';
import { SqlCompileError, type SqlDialect } from './dialect.ts';
import { joinColumns, literalSql, MAX_EXPR_CHARS, maskBits, quotedName, scalarMembers, uniqueNames, type CompiledQuery, type ScanResolver, type ScanTarget } from './compiler-types.ts';

export type { CompiledQuery, ScanResolver, ScanTarget } from './compiler-types.ts';

interface Select {
  /** Select-list items already rendered (`expr AS "name"`), or null for the input's columns. */
  items: string[] | null;
  from: string;
  where: string[];
  groupBy: string[];
  orderBy: string[];
  limit: number | null;
  distinct: boolean;
  columns: string[];
  /** Alias of the FROM source; field references are qualified with it. */
  alias: string;
}

export function compile(rel: Relation, dialect: SqlDialect, resolve: ScanResolver): CompiledQuery {
  const c = new Compiler(dialect, resolve);
  const sel = c.relation(rel);
  return { sql: c.render(sel), params: c.params, columns: sel.columns };
}

class Compiler {
  readonly params: unknown[] = [];
  private aliasSeq = 0;
  private varSeq = 0;
  /** Lambda variables in scope: source name → safe SQL name. */
  private vars = new Map<string, string>();
  /** During a join's ON clause: the aliases of both sides. */
  private joinAliases: { left: string; right: string } | null = null;
  /** Aliases that name a base table directly (not a subquery), with the table's mapping. */
  private scanAliases = new Map<string, ScanTarget>();

  constructor(private readonly d: SqlDialect, private readonly resolve: ScanResolver) {}

  private literal(value: LiteralExpr['value'], type: LiteralExpr['type']): string {
    return literalSql(this.d, this.params, value, type);
  }

  private nextAlias(): string {
    return `t${this.aliasSeq++}`;
  }

  private q(name: string): string {
    return quotedName(this.d, name);
  }

  render(s: Select): string {
    const items = s.items ?? s.columns.map((c) => `${s.alias}.${this.q(c)}`);
    let sql = `SELECT ${s.distinct ? 'DISTINCT ' : ''}${items.join(', ')} FROM ${s.from} AS ${s.alias}`;
    if (s.where.length) sql += ` WHERE ${s.where.map((w) => (s.where.length > 1 ? `(${w})` : w)).join(' AND ')}`;
    if (s.groupBy.length) sql += ` GROUP BY ${s.groupBy.join(', ')}`;
    if (s.orderBy.length) sql += ` ORDER BY ${s.orderBy.join(', ')}`;
    if (s.limit !== null) sql += ` LIMIT ${s.limit}`;
    return sql;
  }

  /** Start a fresh SELECT reading from `input` as a subquery. */
  private wrap(input: Select): Select {
    return {
      items: null, from: `(${this.render(input)})`, where: [], groupBy: [], orderBy: [], limit: null,
      distinct: false, columns: input.columns, alias: this.nextAlias(),
    };
  }

  /**
   * Set the select list [sql, output name]. ClickHouse resolves a SELECT alias before a column of
   * the same name anywhere in that SELECT, even a qualified `t0.id` (18.16 has no
   * prefer_column_name_to_alias): `userId AS id, argMax(t0.id, …)` would read userId. On such a
   * dialect, when an output name is an input column that the item does not simply pass through,
   * items get private aliases and a wrapping SELECT renames them.
   */
  private selectList(s: Select, items: ReadonlyArray<readonly [string, string]>, names: readonly string[]): Select {
    const clash = this.d.aliasShadowsColumns && items.some(([sql, n]) => s.columns.includes(n) && sql !== `${s.alias}.${this.q(n)}`);
    if (!clash) {
      s.items = items.map(([sql, n]) => `${sql} AS ${this.q(n)}`);
      s.columns = [...names];
      return s;
    }
    const tmp = items.map((_, i) => `__idt_${i}`);
    s.items = items.map(([sql], i) => `${sql} AS ${this.q(tmp[i]!)}`);
    s.columns = tmp;
    const w = this.wrap(s);
    w.items = tmp.map((t, i) => `${w.alias}.${this.q(t)} AS ${this.q(items[i]![1])}`);
    w.columns = [...names];
    return w;
  }

  /** True when nothing but a plain column pass-through was applied, so more clauses can be added. */
  private isOpen(s: Select): boolean {
    return s.items === null && s.groupBy.length === 0 && s.limit === null && !s.distinct;
  }

  relation(r: Relation): Select {
    switch (r.kind) {
      case 'scan': {
        const t = this.resolve(r.log);
        const alias = this.nextAlias();
        this.scanAliases.set(alias, t);
        return {
          items: null, from: this.q(t.table), alias, groupBy: [], orderBy: [], limit: null, distinct: false,
          where: [`${alias}.${this.q(t.tenantColumn)} = ${this.d.bind(r.tenantId, 'string', this.params)}`],
          columns: [...t.columns],
        };
      }
      case 'filter': {
        let s = this.relation(r.input);
        if (!this.isOpen(s) || s.orderBy.length) s = this.wrap(s);
        s.where.push(this.expr(r.predicate, s.alias));
        return s;
      }
      case 'project': {
        let s = this.relation(r.input);
        if (!this.isOpen(s)) s = this.wrap(s);
        return this.selectList(s, r.columns.map((c) => [this.expr(c.expr, s.alias), c.name] as const), uniqueNames(r.columns.map((c) => c.name)));
      }
      case 'extend': {
        let s = this.relation(r.input);
        if (!this.isOpen(s)) s = this.wrap(s);
        const added = new Map<string, string>();
        for (const c of r.columns) added.set(c.name, this.expr(c.expr, s.alias));
        const items = s.columns.map((c) => [added.get(c) ?? `${s.alias}.${this.q(c)}`, c] as const);
        for (const [name, sql] of added) if (!s.columns.includes(name)) items.push([sql, name]);
        // Later expressions may refer to the new names, so the next operator must wrap.
        return this.wrap(this.selectList(s, items, items.map(([, n]) => n)));
      }
      case 'drop': {
        let s = this.relation(r.input);
        if (!this.isOpen(s)) s = this.wrap(s);
        const keep = s.columns.filter((c) => !r.names.includes(c));
        s.items = keep.map((c) => `${s.alias}.${this.q(c)}`);
        s.columns = keep;
        return s;
      }
      case 'aggregate': {
        let s = this.relation(r.input);
        if (!this.isOpen(s) || s.orderBy.length) s = this.wrap(s);
        const groups = r.groupBy.map((g) => this.expr(g.expr, s.alias));
        s.groupBy = groups;
        const items = [
          ...groups.map((g, i) => [g, r.groupBy[i]!.name] as const),
          ...r.aggregates.map((a) => [this.expr(a.expr, s.alias), a.name] as const),
        ];
        return this.wrap(this.selectList(s, items, uniqueNames([...r.groupBy, ...r.aggregates].map((n) => n.name))));
      }
      case 'sort': {
        let s = this.relation(r.input);
        if (!(s.items === null && s.groupBy.length === 0 && s.limit === null && !s.distinct)) s = this.wrap(s);
        s.orderBy = r.keys.map((k) => this.sortKey(k, s.alias));
        return s;
      }
      case 'limit': {
        let s = this.relation(r.input);
        if (s.limit !== null) s = this.wrap(s);
        s.limit = Math.max(0, Math.floor(r.count));
        return s;
      }
      case 'distinct': {
        let s = this.relation(r.input);
        if (s.limit !== null || s.groupBy.length) s = this.wrap(s);
        s.distinct = true;
        return this.wrap(s);
      }
      case 'join':
        return this.joinRel(r);
      case 'union': {
        const parts = r.inputs.map((i) => this.relation(i));
        const columns = uniqueNames(parts.flatMap((p) => p.columns));
        if (r.sourceColumn) columns.unshift(r.sourceColumn);
        const sqls = parts.map((p, i) => {
          const inner = this.wrap(p);
          inner.items = columns.map((c) =>
            c === r.sourceColumn
              ? `${this.d.bind(r.labels?.[i] ?? `input${i}`, 'string', this.params)} AS ${this.q(c)}`
              : p.columns.includes(c) ? `${inner.alias}.${this.q(c)}` : `NULL AS ${this.q(c)}`,
          );
          return this.render(inner);
        });
        return {
          items: null, from: `(${sqls.join(' UNION ALL ')})`, where: [], groupBy: [], orderBy: [], limit: null,
          distinct: false, columns, alias: this.nextAlias(),
        };
      }
      case 'unnest': {
        let s = this.relation(r.input);
        if (!this.isOpen(s)) s = this.wrap(s);
        const list = this.expr(r.expr, s.alias);
        const items = s.columns.filter((c) => c !== r.as).map((c) => `${s.alias}.${this.q(c)}`);
        items.push(`${this.d.unnest(list, r.keepEmpty)} AS ${this.q(r.as)}`);
        s.items = items;
        s.columns = [...s.columns.filter((c) => c !== r.as), r.as];
        return this.wrap(s);
      }
      case 'window': {
        if (this.d.noWindowFunctions) {
          const fns = [...new Set(r.columns.map((w) => w.fn))].join(', ');
          throw new SqlCompileError(`window functions (${fns}: KQL prev/next/row_number, top-nested, mv-apply, default join kind) are not available on ${this.d.name === 'clickhouse' ? 'ClickHouse' : this.d.name}`);
        }
        let s = this.relation(r.input);
        if (!this.isOpen(s)) s = this.wrap(s);
        const items = s.columns.map((c) => `${s.alias}.${this.q(c)}`);
        for (const w of r.columns) {
          const args = w.args.map((a) => this.expr(a, s.alias));
          const fn = w.fn === 'row_number' || w.fn === 'lag' || w.fn === 'lead'
            ? `${w.fn}(${args.join(', ')})`
            : this.d.agg(w.fn, args, false, null);
          const part = w.partitionBy.length ? `PARTITION BY ${w.partitionBy.map((p) => this.expr(p, s.alias)).join(', ')}` : '';
          const ord = w.orderBy.length ? `ORDER BY ${w.orderBy.map((k) => this.sortKey(k, s.alias)).join(', ')}` : '';
          items.push(`${fn} OVER (${[part, ord].filter(Boolean).join(' ')}) AS ${this.q(w.name)}`);
        }
        s.items = items;
        s.columns = uniqueNames([...s.columns, ...r.columns.map((w) => w.name)]);
        return this.wrap(s);
      }
      case 'values': {
        if (r.rows.length === 0) {
          const nulls = r.columns.map((c) => `${this.d.cast('NULL', c.type)} AS ${this.q(c.name)}`);
          const alias = this.nextAlias();
          return {
            items: null, from: `(SELECT ${nulls.join(', ')} LIMIT 0)`, where: [], groupBy: [], orderBy: [], limit: null,
            distinct: false, columns: r.columns.map((c) => c.name), alias,
          };
        }
        const rows = r.rows.map((row) =>
          `SELECT ${r.columns.map((c, i) => `${this.literal(row[i] ?? null, c.type)} AS ${this.q(c.name)}`).join(', ')}`,
        );
        return {
          items: null, from: `(${rows.join(' UNION ALL ')})`, where: [], groupBy: [], orderBy: [], limit: null,
          distinct: false, columns: r.columns.map((c) => c.name), alias: this.nextAlias(),
        };
      }
      default:
        return assertNever(r, 'relation');
    }
  }

  private joinRel(r: Extract<Relation, { kind: 'join' }>): Select {
    const left = this.relation(r.left);
    const right = this.relation(r.right);
    const la = this.nextAlias();
    const ra = this.nextAlias();
    const saved = this.joinAliases;
    this.joinAliases = { left: la, right: ra };
    // A cross join has no condition; rendering it anyway would bind orphan parameters.
    const on = r.type === 'cross' ? '' : this.expr(r.on, la);
    this.joinAliases = saved;
    const leftOnly = r.type === 'semi' || r.type === 'anti';
    const columns = joinColumns(left.columns, leftOnly ? [] : right.columns);
    const items = columns.map((name, i) => (i < left.columns.length ? `${la}.${this.q(name)}` : `${ra}.${this.q(right.columns[i - left.columns.length]!)} AS ${this.q(name)}`));
    const kw = { inner: 'INNER JOIN', left: 'LEFT JOIN', right: 'RIGHT JOIN', full: 'FULL OUTER JOIN', semi: 'SEMI JOIN', anti: 'ANTI JOIN', cross: 'CROSS JOIN' }[r.type];
    const onSql = r.type === 'cross' ? '' : ` ON ${on}`;
    const from = `(SELECT ${items.join(', ')} FROM (${this.render(left)}) AS ${la} ${kw} (${this.render(right)}) AS ${ra}${onSql})`;
    return {
      items: null, from, where: [], groupBy: [], orderBy: [], limit: null, distinct: false, columns,
      alias: this.nextAlias(),
    };
  }

  private sortKey(k: SortKey, alias: string): string {
    const nulls = k.nulls ? ` NULLS ${k.nulls.toUpperCase()}` : '';
    return `${this.expr(k.expr, alias)} ${k.direction.toUpperCase()}${nulls}`;
  }

  expr(e: Expr, alias: string): string {
    const sql = this.exprText(e, alias);
    if (sql.length > MAX_EXPR_CHARS) throw new SqlCompileError(`the query is too large once compiled (an expression of more than ${MAX_EXPR_CHARS} characters of SQL)`);
    return sql;
  }

  private exprText(e: Expr, alias: string): string {
    const x = (a: Expr) => this.expr(a, alias);
    switch (e.kind) {
      case 'literal':
        if (e.value === null) return 'NULL';
        return this.literal(e.value, e.type);
      case 'field': {
        const [head, ...rest] = e.path;
        if (head === undefined) throw new SqlCompileError('empty field path');
        const mapped = this.scanAliases.get(alias)?.field?.(alias, e.path);
        return mapped ?? this.d.fieldAccess(`${alias}.${this.q(head)}`, rest);
      }
      case 'var': {
        if (this.joinAliases && (e.name === '$left' || e.name === '$right' || e.name === 'left' || e.name === 'right')) {
          const a = e.name.endsWith('left') ? this.joinAliases.left : this.joinAliases.right;
          const [head, ...rest] = e.path;
          if (head === undefined) throw new SqlCompileError('join side without a column');
          return this.d.fieldAccess(`${a}.${this.q(head)}`, rest);
        }
        const safe = this.vars.get(e.name);
        if (!safe) throw new SqlCompileError(`unknown variable '${e.name}'`);
        return this.d.varAccess(safe, e.path);
      }
      case 'compare': {
        const l = x(e.left);
        const r = x(e.right);
        if (e.caseInsensitive) {
          const ci = this.d.equalsCI(l, r);
          if (e.op === 'eq') return ci;
          if (e.op === 'ne') return `NOT (${ci})`;
        }
        const op = { eq: '=', ne: '<>', lt: '<', le: '<=', gt: '>', ge: '>=' }[e.op];
        return `(${l} ${op} ${r})`;
      }
      case 'logic':
        return `(${e.args.map(x).join(e.op === 'and' ? ' AND ' : ' OR ')})`;
      case 'not':
        return `(NOT ${x(e.arg)})`;
      case 'isNull':
        return `(${x(e.arg)} IS ${e.negated ? 'NOT ' : ''}NULL)`;
      case 'inList': {
        // (1 = 1) rather than TRUE: ClickHouse 18.16 has no boolean literals.
        if (e.list.length === 0) return e.negated ? '(1 = 1)' : '(1 = 0)';
        const arg = e.caseInsensitive ? this.d.call('lower', [x(e.arg)]) : x(e.arg);
        const items = e.list.map((i) => (e.caseInsensitive ? this.d.call('lower', [x(i)]) : x(i)));
        return `(${arg} ${e.negated ? 'NOT IN' : 'IN'} (${items.join(', ')}))`;
      }
      case 'arith': {
        const op = { add: '+', sub: '-', mul: '*', div: '/', mod: '%' }[e.op];
        return `(${x(e.left)} ${op} ${x(e.right)})`;
      }
      case 'negate':
        return `(-${x(e.arg)})`;
      case 'call': {
        if (!isKnownFunction(e.fn)) throw new SqlCompileError(`unknown function '${e.fn}'`);
        const sig = FUNCTIONS[e.fn];
        if (e.args.length < sig.minArgs || e.args.length > sig.maxArgs) {
          throw new SqlCompileError(`function '${e.fn}' takes ${sig.minArgs}–${sig.maxArgs} arguments, got ${e.args.length}`);
        }
        return this.d.call(e.fn, e.args.map(x));
      }
      case 'lambda': {
        const coll = x(e.collection);
        const members = this.d.listContainsAny ? scalarMembers(e) : null;
        if (members) {
          const bits = maskBits(this.scanAliases.get(alias), e.collection, members);
          if (bits) return `((${alias}.${this.q(bits.column)} & ${bits.value}) <> 0)`;
          return this.d.listContainsAny!(coll, members.map(x));
        }
        const safe = `lv${this.varSeq++}`;
        const saved = this.vars.get(e.variable);
        this.vars.set(e.variable, safe);
        const pred = x(e.predicate);
        if (saved === undefined) this.vars.delete(e.variable);
        else this.vars.set(e.variable, saved);
        return this.d.lambda(e.quantifier, coll, safe, pred);
      }
      case 'case':
        return `(CASE ${e.whens.map((w) => `WHEN ${x(w.when)} THEN ${x(w.then)}`).join(' ')} ELSE ${x(e.otherwise)} END)`;
      case 'cast':
        return this.d.cast(x(e.arg), e.to);
      case 'jsonPath':
        return this.d.jsonPath(x(e.arg), e.path);
      case 'agg':
        return this.d.agg(e.fn, e.args.map(x), e.distinct ?? false, e.filter ? x(e.filter) : null,
          e.orderBy ? e.orderBy.map((k) => this.sortKey(k, alias)).join(', ') : null);
      case 'inRelation': {
        // The subquery is self-contained (its own aliases), so it is rendered in place.
        const sub = this.relation(e.relation);
        const first = sub.columns[0];
        if (first === undefined) throw new SqlCompileError('`in` over a relation without columns');
        const inner = this.wrap(sub);
        inner.items = [`${inner.alias}.${this.q(first)}`];
        inner.where.push(`${inner.alias}.${this.q(first)} IS NOT NULL`);
        const test = `(${x(e.arg)} IN (${this.render(inner)}))`;
        return e.negated ? `(NOT coalesce(${test}, false))` : `coalesce(${test}, false)`;
      }
      case 'scalarSubquery': {
        // Kusto's toscalar takes the first column of the first row; LIMIT 1 also keeps engines
        // that reject multi-row scalar subqueries (DuckDB 1.x) from failing.
        const sub = this.relation(e.relation);
        const first = sub.columns[0];
        if (first === undefined) throw new SqlCompileError('toscalar() over a relation without columns');
        const inner = this.wrap(sub);
        inner.items = [`${inner.alias}.${this.q(first)}`];
        inner.limit = 1;
        return `(${this.render(inner)})`;
      }
      default:
        return assertNever(e, 'expression');
    }
  }
}

