// `graph` (the default): records already in the canonical Graph shape. Also accepts a Graph list
// response body as-is (`{"@odata.context":…, "value":[…], "@odata.nextLink":…}`), so the output of
// `GET /auditLogs/signIns` can be piped straight in, page by page.
import type { JsonObject } from '../../model/index.ts';
import { isObject, type FormatAdapter } from './adapter.ts';

/** A Graph collection page: a `value` array and nothing else but OData annotations. */
export function graphListItems(v: unknown): readonly unknown[] | null {
  if (!isObject(v) || !Array.isArray(v['value'])) return null;
  for (const k of Object.keys(v)) if (k !== 'value' && !k.startsWith('@odata.')) return null;
  return v['value'];
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
  nativeId: (e) => (typeof e['id'] === 'string' ? e['id'] : null),
  classify: (_e, target) => ({ kind: target, label: 'graph record' }),
  toRecord: (e) => withoutAnnotations(e),
};
