// The OData system query options of a Graph list request, validated against the kind's field
// catalogue. `$filter` text is lowered to IR by the OData filter parser.
import { fieldCatalogue, type FieldCatalogue, type GraphVersion, type LogKindDef } from '../../model/index.ts';
import type { Expr } from '../ir/index.ts';
import { ODataError } from './odata-error.ts';
import { parseFilter } from './filter-parser.ts';

export interface ListOptions {
  readonly filter: Expr | null;
  /** The raw `$filter` text (part of the skiptoken digest). */
  readonly filterText: string;
  readonly direction: 'asc' | 'desc';
  /** Property paths to return (`status`, `status/errorCode`), in canonical casing; null = all. */
  readonly select: readonly string[] | null;
  readonly top: number;
  readonly count: boolean;
  /** Whether the filter names signInEventTypes (beta sign-ins then include non-interactive kinds). */
  readonly filtersEventTypes: boolean;
  readonly skiptoken: string | null;
}

export type RawQuery = Record<string, string | string[] | undefined>;

function single(q: RawQuery, name: string): string | undefined {
  // Option names are case-insensitive ($Top, $FILTER) and the `$` is optional in OData 4.01, so
  // `$filter=…&filter=…` gives the option twice too.
  const given = Object.entries(q).filter(([k, v]) => v !== undefined && (k.toLowerCase() === name || k.toLowerCase() === name.slice(1)));
  if (given.length > 1 || Array.isArray(given[0]?.[1])) throw new ODataError(`The query option '${name}' was given more than once.`, null, 'IDT_QUERY_SYNTAX', name);
  return given[0]?.[1] as string | undefined;
}

/**
 * The canonical form of a `$select` entry: a top-level property visible in the version, or a path
 * into its complex properties (`status/errorCode`); paths into collections are not selectable.
 */
function selectPath(cat: FieldCatalogue, visible: ReadonlyMap<string, string>, version: GraphVersion, name: string): string | undefined {
  const segs = name.split('/').map((x) => x.trim());
  const top = visible.get(segs[0]!.toLowerCase());
  if (!top || segs.length === 1) return top;
  const entry = cat.lookup(segs);
  if (!entry || (entry.beta && version !== 'beta') || (entry.v1Only && version === 'beta')) return undefined;
  return entry.name;
}

const UNSUPPORTED = ['$skip', '$search', '$expand', '$apply', '$compute'];

export interface ListRequest {
  /**
   * The request sent `Prefer: include-unknown-enum-members`: `$filter` then compares enum members
   * declared after `unknownFutureValue` literally (spec 3.9). Without a request, literal.
   */
  readonly includeUnknownEnums?: boolean;
}

export function parseListOptions(def: LogKindDef, version: GraphVersion, q: RawQuery, request: ListRequest = {}): ListOptions {
  for (const k of Object.keys(q)) {
    if (UNSUPPORTED.includes(k.toLowerCase())) {
      throw new ODataError(`The query option '${k}' is not supported on auditLogs/${def.collection}; use $filter, $top and @odata.nextLink.`, 0, 'IDT_QUERY_UNSUPPORTED', k);
    }
  }
  const cat = fieldCatalogue(def.kind);

  const topText = single(q, '$top');
  let top = def.topDefault;
  if (topText !== undefined) {
    if (!/^\s*\d+\s*$/.test(topText)) throw new ODataError(`Invalid value '${topText}' for $top: expected a whole number.`, 0, 'IDT_QUERY_SYNTAX', '$top');
    top = Number(topText);
    if (top < 1) throw new ODataError(`Invalid value '${topText}' for $top: it must be at least 1.`, 0, 'IDT_QUERY_SYNTAX', '$top');
    // Graph caps silently at the collection's maximum rather than failing.
    top = Math.min(top, def.topMax);
  }

  let direction: 'asc' | 'desc' = 'desc';
  const orderText = single(q, '$orderby');
  if (orderText !== undefined && orderText.trim() !== '') {
    const m = /^\s*([\w/]+)(?:\s+(asc|desc))?\s*$/i.exec(orderText);
    const entry = m ? cat.lookup(m[1]!.split('/')) : undefined;
    if (!m || !entry) throw new ODataError(`Invalid $orderby '${orderText}': only ${def.timeField} asc|desc is supported.`, 0, 'IDT_QUERY_SYNTAX', '$orderby');
    if (!entry.orderby) throw new ODataError(`Ordering by '${entry.name}' is not supported; only ${def.timeField} can order auditLogs/${def.collection}.`, 0, 'IDT_FIELD_NOT_FILTERABLE', '$orderby');
    direction = (m[2] ?? 'asc').toLowerCase() as 'asc' | 'desc';
  }

  let select: string[] | null = null;
  const selectText = single(q, '$select');
  if (selectText !== undefined && selectText.trim() !== '') {
    const visible = new Map(cat.topLevel(version).map((n) => [n.toLowerCase(), n]));
    select = [];
    for (const raw of selectText.split(',')) {
      const name = raw.trim();
      if (name === '*') {
        select = null;
        break;
      }
      const canon = selectPath(cat, visible, version, name);
      if (!canon) throw new ODataError(`Could not find a property named '${name}' on type '${def.entityType}'.`, 0, 'IDT_FIELD_UNKNOWN', '$select');
      if (!select.includes(canon)) select.push(canon);
    }
  }

  const countText = single(q, '$count');
  let count = false;
  if (countText !== undefined) {
    if (!/^(true|false)$/i.test(countText.trim())) throw new ODataError(`Invalid value '${countText}' for $count: expected true or false.`, 0, 'IDT_QUERY_SYNTAX', '$count');
    count = countText.trim().toLowerCase() === 'true';
  }

  const filterText = single(q, '$filter') ?? '';
  const parsed = filterText.trim() ? parseFilter(filterText, def, version, request.includeUnknownEnums ?? true) : null;

  return {
    filter: parsed?.expr ?? null,
    filterText,
    direction,
    select,
    top,
    count,
    filtersEventTypes: parsed?.fields.some((f) => f.toLowerCase() === 'signineventtypes') ?? false,
    skiptoken: single(q, '$skiptoken') ?? null,
  };
}
