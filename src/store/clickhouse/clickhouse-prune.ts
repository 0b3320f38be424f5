// Plan rewrites that let ClickHouse use its table layout. The record's time property is stored as
// text, but the table is partitioned and ordered by `_time` (DateTime, whole seconds) and `_time_ns`.
// - A comparison of the time property with a datetime literal gains a coarse twin on `_time`, so
//   the primary key and partition pruning skip everything outside the range (exact check remains).
// - Sorting by the time property sorts by (_time, _time_ns) instead of 30-byte text.
// Only filters and sorts sitting directly on a scan (through other filters) are rewritten: above a
// projection the internal columns are no longer visible.
import type { CompareExpr, Expr, Relation, SortKey } from '../../query/ir/index.ts';
import { LOG_KINDS } from '../../model/index.ts';

const FLIP: Record<CompareExpr['op'], CompareExpr['op'] | null> = { eq: 'eq', ne: null, lt: 'gt', le: 'ge', gt: 'lt', ge: 'le' };
const COARSE: Record<CompareExpr['op'], CompareExpr['op'] | null> = { eq: 'eq', ne: null, lt: 'le', le: 'le', gt: 'ge', ge: 'ge' };

function scanBelow(r: Relation): Extract<Relation, { kind: 'scan' }> | null {
  while (r.kind === 'filter') r = r.input;
  return r.kind === 'scan' ? r : null;
}

const isTimeField = (e: Expr, timeField: string) => e.kind === 'field' && e.path.length === 1 && e.path[0] === timeField;

function coarse(e: Expr, timeField: string): Expr[] {
  if (e.kind === 'logic' && e.op === 'and') return e.args.flatMap((a) => coarse(a, timeField));
  if (e.kind !== 'compare' || e.caseInsensitive) return [];
  let { op, left, right } = e;
  if (isTimeField(right, timeField) && left.kind === 'literal') {
    const f = FLIP[op];
    if (!f) return [];
    [op, left, right] = [f, right, left];
  }
  if (!isTimeField(left, timeField) || right.kind !== 'literal' || right.type !== 'datetime' || typeof right.value !== 'string') return [];
  const ms = Date.parse(right.value);
  const c = COARSE[op];
  if (!c || Number.isNaN(ms)) return [];
  // 'YYYY-MM-DD hh:mm:ss' text is what a DateTime column compares with in every version (18.16
  // refuses a number there); the column is DateTime('UTC'), so the text is read as UTC.
  const text = new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
  return [{ kind: 'compare', op: c, left: { kind: 'field', path: ['_time'] }, right: { kind: 'literal', value: text, type: 'string' } }];
}

function sortKeys(keys: readonly SortKey[], timeField: string): SortKey[] {
  return keys.flatMap((k) =>
    isTimeField(k.expr, timeField)
      ? [{ ...k, expr: { kind: 'field', path: ['_time'] } }, { ...k, expr: { kind: 'field', path: ['_time_ns'] } }]
      : [k],
  );
}

export function pruneForClickHouse(r: Relation): Relation {
  switch (r.kind) {
    case 'filter': {
      const input = pruneForClickHouse(r.input);
      const scan = scanBelow(r);
      if (!scan) return { ...r, input };
      const extra = coarse(r.predicate, LOG_KINDS[scan.log].timeField);
      return extra.length ? { ...r, input, predicate: { kind: 'logic', op: 'and', args: [r.predicate, ...extra] } } : { ...r, input };
    }
    case 'sort': {
      const input = pruneForClickHouse(r.input);
      const scan = scanBelow(r.input);
      return scan ? { ...r, input, keys: sortKeys(r.keys, LOG_KINDS[scan.log].timeField) } : { ...r, input };
    }
    case 'project': case 'extend': case 'drop': case 'aggregate': case 'limit': case 'distinct': case 'unnest': case 'window':
      return { ...r, input: pruneForClickHouse(r.input) } as Relation;
    case 'join':
      return { ...r, left: pruneForClickHouse(r.left), right: pruneForClickHouse(r.right) };
    case 'union':
      return { ...r, inputs: r.inputs.map(pruneForClickHouse) };
    case 'scan': case 'values':
      return r;
  }
}
