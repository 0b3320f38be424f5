// PLACEHOLDER until the OData $filter parser lands: only `createdDateTime ge|le <datetime>` style
// comparisons joined by `and` are understood.
import { fieldCatalogue, normalizeDateTime, type GraphVersion, type LogKindDef } from '../../model/index.ts';
import { and, cmp, dt, field, lit, type Expr } from '../ir/index.ts';
import { ODataError } from './odata-error.ts';

export interface ParsedFilter {
  readonly expr: Expr;
  /** Canonical names of the properties the filter refers to. */
  readonly fields: readonly string[];
}

export function parseFilter(text: string, def: LogKindDef, _version: GraphVersion): ParsedFilter {
  const cat = fieldCatalogue(def.kind);
  const parts = text.split(/\s+and\s+/i);
  const exprs: Expr[] = [];
  const fields: string[] = [];
  for (const p of parts) {
    const m = /^\s*([\w/]+)\s+(eq|ne|gt|ge|lt|le)\s+(.+?)\s*$/i.exec(p);
    if (!m) throw new ODataError(`Invalid filter clause: '${p}'`, text.indexOf(p));
    const e = cat.lookup(m[1]!.split('/'));
    if (!e) throw new ODataError(`Invalid filter clause: unknown property '${m[1]}'`, text.indexOf(m[1]!), 'IDT_FIELD_UNKNOWN');
    fields.push(e.name);
    const raw = m[3]!;
    let value: Expr;
    if (e.type === 'datetime') {
      const n = normalizeDateTime(raw);
      if (!n) throw new ODataError(`Invalid filter clause: '${raw}' is not a DateTimeOffset`, text.indexOf(raw));
      value = dt(n);
    } else if (/^'.*'$/.test(raw)) value = lit(raw.slice(1, -1).replace(/''/g, "'"));
    else if (/^-?\d+$/.test(raw)) value = lit(Number(raw), 'long');
    else throw new ODataError(`Invalid filter clause: unsupported literal '${raw}'`, text.indexOf(raw));
    exprs.push(cmp(m[2]!.toLowerCase() as 'eq', field(...e.path), value));
  }
  return { expr: and(...exprs), fields };
}
