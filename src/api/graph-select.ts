// `$select` projection of a Graph record. Entries are canonical property paths: top-level names
// (`status`) or paths into complex properties (`status/errorCode`, `location/city`), which OData 4
// allows and scripts use to keep pages small. A selected path whose parent is null comes back as
// that null parent, as it would without `$select`.
import type { JsonObject, JsonValue } from '../model/index.ts';
import { ApiError } from './api-errors.ts';

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

/**
 * `$select` over shaped rows (reports, risk detections), which have no field catalogue: names
 * match the rows' keys without regard to case (PowerShell's `-Property RiskLevel` sends them as
 * typed) and come back canonical. A name no row has is refused, as Graph does; below a property
 * that is null in every row there is nothing to check against, so the name is kept as given.
 * Null means every property (no `$select`, or `*`).
 */
export function canonicalSelect(rows: readonly Record<string, unknown>[], text: string | undefined, entityType: string): string[] | null {
  if (!text?.trim() || text.split(',').some((s) => s.trim() === '*')) return null;
  const out: string[] = [];
  for (const raw of text.split(',')) {
    const segs = raw.trim().split('/').map((s) => s.trim());
    let level: unknown[] = [...rows];
    const canon: string[] = [];
    for (const seg of segs) {
      const objects = level.filter((o): o is Record<string, unknown> => !!o && typeof o === 'object' && !Array.isArray(o));
      if (!objects.length && (rows.length === 0 || canon.length > 0)) {
        canon.push(seg);
        level = [];
        continue;
      }
      const key = objects.flatMap((o) => Object.keys(o)).find((k) => k.toLowerCase() === seg.toLowerCase());
      if (!key) throw new ApiError('IDT_FIELD_UNKNOWN', `Could not find a property named '${raw.trim()}' on type '${entityType}'.`);
      canon.push(key);
      level = objects.map((o) => o[key]);
    }
    const name = canon.join('/');
    if (name && !out.includes(name)) out.push(name);
  }
  return out;
}
