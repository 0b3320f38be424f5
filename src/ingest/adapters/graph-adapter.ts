// `graph` (the default): records already in the canonical Graph shape. Also accepts a Graph list
// response body as-is (`{"@odata.context":…, "value":[…], "@odata.nextLink":…}`), so the output of
// `GET /auditLogs/signIns` can be piped straight in, page by page.
//
// On the routed endpoint (POST /ingest, no kind in the path) a Graph record's kind is read from the
// OData annotations Graph itself writes: the item's `@odata.type` (`#microsoft.graph.signIn`), the
// item's `@odata.context` (a single-entity answer) or the list page's `@odata.context`
// (`…/$metadata#auditLogs/signIns`). A bare record names no kind and is refused with a reason saying
// to use /ingest/{kind}; annotations that disagree are refused too, rather than guessed between.
import { ALL_KINDS, findKind, LOG_KINDS, type JsonObject, type LogKind } from '../../model/index.ts';
import { isObject, strAt, type Classification, type FormatAdapter } from './adapter.ts';

/** A Graph collection page: a `value` array and nothing else but OData annotations. */
export function graphListItems(v: unknown): readonly unknown[] | null {
  if (!isObject(v) || !Array.isArray(v['value'])) return null;
  for (const k of Object.keys(v)) if (k !== 'value' && !k.startsWith('@odata.')) return null;
  return v['value'];
}

const byEntityType = new Map(ALL_KINDS.map((k) => [LOG_KINDS[k].entityType.toLowerCase(), k]));

/** `#microsoft.graph.signIn` (or without the `#`) → signIns. */
function kindOfType(t: string | null): LogKind | null {
  return t ? byEntityType.get(t.replace(/^#/, '').toLowerCase()) ?? null : null;
}

/**
 * `https://graph.microsoft.com/beta/$metadata#auditLogs/signIns`, with `(id,createdDateTime)` after
 * a $select or `/$entity` for one record → signIns. idtrail's own answers are spelled the same way.
 */
export function kindOfContext(ctx: string | null): LogKind | null {
  const m = ctx ? /#auditLogs\/([A-Za-z]+)/.exec(ctx) : null;
  return m ? findKind(m[1]!)?.kind ?? null : null;
}

function routedKind(e: JsonObject, envelope: LogKind | null): Classification {
  const named = [kindOfType(strAt(e, '@odata.type')), kindOfContext(strAt(e, '@odata.context')), envelope].filter((k): k is LogKind => k !== null);
  const kinds = [...new Set(named)];
  if (kinds.length === 1) return { kind: kinds[0]!, label: 'graph record' };
  if (kinds.length > 1) {
    return { kind: null, label: 'graph record', reason: `the graph record's annotations name different kinds (${kinds.join(', ')}): send it to /ingest/{kind}` };
  }
  return {
    kind: null, label: 'graph record',
    reason: "a graph record names no log kind (no '@odata.type', and no '@odata.context' on it or its list page): send it to /ingest/{kind}, e.g. /ingest/signIns",
  };
}

/**
 * Response annotations (`@odata.context` of a single-entity answer, `@odata.type` on items) describe
 * the response, not the event; stored, they would be returned as if they were record properties.
 */
function withoutAnnotations(r: JsonObject): JsonObject {
  let out: JsonObject | null = null;
  for (const k of Object.keys(r)) {
    if (!k.startsWith('@odata.')) continue;
    out ??= { ...r };
    delete out[k];
  }
  return out ?? r;
}

export const graphAdapter: FormatAdapter = {
  name: 'graph',
  unwrap: graphListItems,
  envelopeKind: (v) => (graphListItems(v) ? kindOfContext(strAt(v, '@odata.context')) : null),
  detach(v) {
    const items = graphListItems(v);
    const kind = items ? kindOfContext(strAt(v, '@odata.context')) : null;
    if (!items || !kind) return items;
    // The page's context on each member without one of its own, read then like a single-entity
    // answer; a member's `@odata.type` stays beside it, so a disagreement is refused as on the server.
    const context = strAt(v, '@odata.context')!;
    return items.map((i) => (isObject(i) && !('@odata.context' in i) ? { '@odata.context': context, ...i } : i));
  },
  nativeId: (e) => (typeof e['id'] === 'string' ? e['id'] : null),
  // On /ingest/{kind} the path decides, as it always has; annotations are not consulted there.
  classify: (e, target, envelope) => (target ? { kind: target, label: 'graph record' } : routedKind(e, envelope)),
  toRecord: (e) => withoutAnnotations(e),
};
