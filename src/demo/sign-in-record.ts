// Turns a scheduled sign-in event into the Graph beta signIn record and its JSON line, from
// precomputed parts. Both are built side by side in the same key order; a test checks that the line
// equals JSON.stringify(record) for every record.
import type { Prng } from './prng.ts';
import type { Part } from './record-part.ts';
import type { ActorPart, AppPart, EventPart } from './sign-in-parts.ts';
import { CONSTANT_TAIL } from './sign-in-parts.ts';
import type { OutcomePart } from './sign-in-outcomes.ts';
import type { EntraClock } from './entra-time.ts';

/** A scheduled sign-in: cheap to create and sort; rendered only when its day is emitted. */
export interface SignInEvent {
  /** Sort key: milliseconds since the generation base × 10 000 + sub-millisecond ticks. */
  readonly k: number;
  readonly u: ActorPart;
  readonly a: AppPart;
  readonly n: Part;
  readonly d: Part;
  readonly e: EventPart;
  readonly o: OutcomePart;
  readonly r: Part;
  readonly w: Part;
  readonly s: string | null;
  /** Shared by the records of one flow (an interrupt and its completion); null draws a fresh one. */
  readonly c: string | null;
  /** Ground-truth attack id, when the event was planted. */
  readonly tag: string | null;
}

export interface RenderedSignIn {
  readonly record: Record<string, unknown> & { readonly id: string; readonly createdDateTime: string };
  readonly json: string;
}

type Slot = 'u' | 'a' | 'n' | 'd' | 'e' | 'o' | 'r' | 'w';
type Assemble = (id: string, ts: string, ev: SignInEvent, correlationId: string, details: unknown[], uti: string, pt: number) => Record<string, unknown>;

/**
 * Compiles one object literal with every sign-in key in order, reading each value from its part.
 * V8 then builds records from a single boilerplate shape, several times faster than spreading
 * nine parts per record. Key lists come from a sample event; all parts of a slot share their keys.
 */
function compileAssembler(sample: SignInEvent): Assemble {
  const fields: string[] = [];
  const keysOf = (o: object) => Object.keys(o).map((k) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) throw new Error(`demo: unexpected sign-in key ${k}`);
    return k;
  });
  const from = (slot: Slot | 'C') => (k: string) => fields.push(`${k}: ${slot}.${k}`);
  fields.push('id: id', 'createdDateTime: ts');
  for (const slot of ['u', 'a', 'n', 'd'] as const) keysOf(sample[slot].obj).forEach(from(slot));
  fields.push('correlationId: correlationId');
  for (const slot of ['e', 'o', 'r'] as const) keysOf(sample[slot].obj).forEach(from(slot));
  fields.push('authenticationDetails: details', 'sessionId: ev.s', 'uniqueTokenIdentifier: uti', 'processingTimeInMilliseconds: pt');
  keysOf(sample.w.obj).forEach(from('w'));
  keysOf(CONSTANT_TAIL.obj).forEach(from('C'));
  const body = `const u = ev.u.obj, a = ev.a.obj, n = ev.n.obj, d = ev.d.obj, e = ev.e.obj, o = ev.o.obj, r = ev.r.obj, w = ev.w.obj;
    return { ${fields.join(', ')} };`;
  return new Function('C', `return function assemble(id, ts, ev, correlationId, details, uti, pt) { ${body} }`)(CONSTANT_TAIL.obj) as Assemble;
}

export type SignInRenderer = (ev: SignInEvent, rng: Prng) => RenderedSignIn;

export function createSignInRenderer(sample: SignInEvent, clock: EntraClock): SignInRenderer {
  const assemble = compileAssembler(sample);
  return (ev, rng) => {
    const ts = clock.format(ev.k);
    const id = rng.guid();
    const correlationId = ev.c ?? rng.guid();
    const uti = rng.base64url(22);
    const pt = 8 + (rng.u32() % 240);
    const steps = ev.o.meta.steps;
    const tails = ev.o.meta.stepTails;
    const details = new Array(steps.length);
    let detailsJson = '[';
    for (let i = 0; i < steps.length; i++) {
      const s = steps[i];
      details[i] = {
        authenticationStepDateTime: ts, authenticationMethod: s.authenticationMethod, authenticationMethodDetail: s.authenticationMethodDetail,
        authenticationStepRequirement: s.authenticationStepRequirement, authenticationStepResultDetail: s.authenticationStepResultDetail,
        succeeded: s.succeeded,
      };
      detailsJson += (i === 0 ? '{"authenticationStepDateTime":"' : ',{"authenticationStepDateTime":"') + ts + '",' + tails[i];
    }
    detailsJson += ']';
    const record = assemble(id, ts, ev, correlationId, details, uti, pt) as RenderedSignIn['record'];
    const json = '{"id":"' + id + '","createdDateTime":"' + ts + '",' +
      ev.u.json + ',' + ev.a.json + ',' + ev.n.json + ',' + ev.d.json +
      ',"correlationId":"' + correlationId + '",' +
      ev.e.json + ',' + ev.o.json + ',' + ev.r.json +
      ',"authenticationDetails":' + detailsJson +
      ',"sessionId":' + (ev.s === null ? 'null' : '"' + ev.s + '"') + ',"uniqueTokenIdentifier":"' + uti + '","processingTimeInMilliseconds":' + pt +
      ',' + ev.w.json + ',' + CONSTANT_TAIL.json + '}';
    return { record, json };
  };
}
