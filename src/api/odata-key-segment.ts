// The OData key-in-parentheses URL form, which Graph accepts next to key-as-segment.
/**
 * OData's key-in-parentheses address, `signIns('id')` or `signIns(id='id')`, for the same entity as
 * `signIns/id`; null when the segment is a plain collection name. Quotes inside a key are doubled.
 */
export function parseKeySegment(segment: string): { collection: string; id: string } | null {
  const m = /^([A-Za-z]+)\((?:\s*id\s*=)?\s*'((?:[^']|'')*)'\s*\)$/.exec(segment);
  return m ? { collection: m[1]!, id: m[2]!.replace(/''/g, "'") } : null;
}
