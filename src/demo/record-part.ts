// A record part: a frozen slice of a record plus its JSON as UTF-8 bytes, so a record is
// assembled from precomputed pieces instead of serialized field by field (the speed of the
// generator rests on it: an NDJSON line is mostly copies of these bytes).

export interface Part<M = undefined> {
  readonly obj: Readonly<Record<string, unknown>>;
  /** `JSON.stringify(obj)` without the braces (empty when obj has no keys) as UTF-8, copied as is into NDJSON lines. */
  readonly bytes: Uint8Array;
  readonly meta: M;
}

function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v as object)) deepFreeze(x);
  }
  return v;
}

/**
 * Records share these sub-objects, so they are frozen: a sink that wants to enrich a record must
 * replace nested values, not mutate them (strict-mode ESM throws on the attempt, loudly).
 */
export function part<M = undefined>(obj: Record<string, unknown>, meta?: M): Part<M> {
  deepFreeze(obj);
  return { obj, bytes: Buffer.from(JSON.stringify(obj).slice(1, -1), 'utf8'), meta: meta as M };
}
