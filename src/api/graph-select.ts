// `$select` projection of a Graph record. Entries are canonical property paths: top-level names
// (`status`) or paths into complex properties (`status/errorCode`, `location/city`), which OData 4
// allows and scripts use to keep pages small. A selected path whose parent is null comes back as
// that null parent, as it would without `$select`.
import type { JsonObject, JsonValue } from '../model/index.ts';

export function project(full: JsonObject, select: readonly string[]): JsonObject {
  const out: JsonObject = {};
  const whole = new Set(select.filter((s) => !s.includes('/')));
  for (const path of select) {
    const segs = path.split('/');
    // `status` and `status/errorCode` together mean all of status.
    if (segs.length > 1 && whole.has(segs[0]!)) continue;
    let src: JsonValue | undefined = full;
    let dst = out;
    for (const [i, key] of segs.entries()) {
      const v: JsonValue | undefined = src && typeof src === 'object' && !Array.isArray(src) ? src[key] : undefined;
      if (i === segs.length - 1) {
        dst[key] = v ?? null;
      } else if (v === null || v === undefined || typeof v !== 'object' || Array.isArray(v)) {
        if (!(key in dst)) dst[key] = null;
        break;
      } else {
        const next = dst[key];
        if (!next || typeof next !== 'object' || Array.isArray(next)) dst[key] = {};
        dst = dst[key] as JsonObject;
        src = v;
      }
    }
  }
  return out;
}
