// Deterministic records for the conformance suite: one fully populated record per kind (derived
// from the schema so a new Graph property is covered without touching the suite) and a set of
// sign-ins with ties, fractional seconds and lists for paging, filters and aggregates.
import { LOG_KINDS, normalizeRecord, type FieldSchema, type JsonObject, type JsonValue, type LogKind, type ObjectSchema } from '../../model/index.ts';
import type { PreparedRecord } from '../log-store.ts';

/** A value for every property: awkward text (quotes, backslash, unicode), 2-item lists, nested objects. */
function fill(s: FieldSchema, path: string, i: number): JsonValue {
  switch (s.kind) {
    case 'scalar':
      if (s.meta.enum) return s.meta.enum[i % s.meta.enum.length]!;
      switch (s.type) {
        case 'string': return `${path}#${i} O'Brien \\ "q" ünï ✓ 🙂`;
        case 'datetime': return `2024-03-0${1 + (i % 3)}T0${i % 10}:15:30.123456${i % 10}Z`;
        case 'bool': return i % 2 === 0;
        case 'int': return -7 + i;
        case 'long': return 9007199254740000 + i;
        case 'double': return 12.5 + i;
      }
      break;
    case 'object':
      return fillObject(s, path, i);
    case 'list':
      return [fill(s.item, `${path}[0]`, i), fill(s.item, `${path}[1]`, i + 1)] as JsonValue[];
    case 'open':
      return { note: `${path} open`, nested: { n: i, list: [1, 'two', null] } };
  }
  return null;
}

function fillObject(s: ObjectSchema, path: string, i: number): JsonObject {
  const o: JsonObject = {};
  for (const [k, f] of Object.entries(s.fields)) o[k] = fill(f, path ? `${path}/${k}` : k, i);
  return o;
}

export function prepared(kind: LogKind, input: JsonObject): PreparedRecord {
  const r = normalizeRecord(LOG_KINDS[kind].schema, input);
  return { record: r.record, extra: r.extra };
}

/** A record of `kind` with every property set, plus unknown properties that must come back as sent. */
export function fullRecord(kind: LogKind, id: string): JsonObject {
  const rec = fillObject(LOG_KINDS[kind].schema, '', 3);
  rec['id'] = id;
  rec['unknownTopLevel'] = { kept: ['as', 'is'], n: 1.5 };
  return rec;
}

export interface SignInSpec {
  readonly id: string;
  readonly time: string;
  readonly upn: string;
  readonly userId: string;
  readonly errorCode: number;
  readonly app: string;
  readonly caResults: readonly string[];
  readonly risks: readonly string[];
}

const CA_RESULTS = ['success', 'failure', 'notApplied', 'notEnabled'];
const APPS = ['Office 365 Exchange Online', 'Azure Portal', 'Microsoft Teams'];

/**
 * 40 sign-ins over 2024-03-01..03: every 5th shares its time with the previous one (ties broken by
 * id), times carry 7 fractional digits, upn case varies for case-insensitive startswith.
 */
export function signInSpecs(): SignInSpec[] {
  const out: SignInSpec[] = [];
  let t = Date.parse('2024-03-01T00:00:00Z');
  for (let i = 0; i < 40; i++) {
    if (i % 5 !== 4) t += 3_600_000 + 123;
    const frac = String(1000000 + ((i * 7919) % 1000000)).slice(1) + String(i % 10);
    const time = `${new Date(t).toISOString().slice(0, 19)}.${frac}Z`;
    out.push({
      id: `si-${String(i).padStart(3, '0')}-${i % 3 === 0 ? 'b' : 'a'}`,
      time,
      upn: `${i % 2 ? 'Alice' : 'bob'}${i % 4}@contoso.com`,
      userId: `user-${i % 6}`,
      errorCode: i % 3 === 0 ? 50126 : 0,
      app: APPS[i % APPS.length]!,
      caResults: i % 4 === 0 ? [] : [CA_RESULTS[i % 4]!, 'success'],
      risks: i % 7 === 0 ? ['unfamiliarFeatures', 'anonymizedIPAddress'] : [],
    });
  }
  return out;
}

export function signInRecord(s: SignInSpec): JsonObject {
  return {
    id: s.id, createdDateTime: s.time, userPrincipalName: s.upn, userId: s.userId, appDisplayName: s.app,
    status: { errorCode: s.errorCode, failureReason: s.errorCode ? 'Invalid username or password' : null },
    appliedConditionalAccessPolicies: s.caResults.map((r, j) => ({ id: `pol-${j}`, displayName: `Policy ${j}`, result: r })),
    riskEventTypes_v2: [...s.risks],
  };
}
