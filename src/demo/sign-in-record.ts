// Turns a scheduled sign-in event into the Graph beta signIn record object, from precomputed parts.
// sign-in-line.ts writes the same record as NDJSON bytes in the same key order; a test checks that
// each line equals JSON.stringify of the object for every record.
import type { SharedId, SignInDraw } from './sign-in-draw.ts';
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
  /** The session id, shared by a sign-in and its token refreshes. */
  readonly s: SharedId | null;
  /** Shared by the records of one flow (an interrupt and its completion); null draws a fresh one. */
  readonly c: SharedId | null;
  /** Ground-truth attack id, when the event was planted. */
  readonly tag: string | null;
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
  fields.push('authenticationDetails: details', 'sessionId: ev.s === null ? null : ev.s.text()', 'uniqueTokenIdentifier: uti', 'processingTimeInMilliseconds: pt');
  keysOf(sample.w.obj).forEach(from('w'));
  keysOf(CONSTANT_TAIL.obj).forEach(from('C'));
  const body = `const u = ev.u.obj, a = ev.a.obj, n = ev.n.obj, d = ev.d.obj, e = ev.e.obj, o = ev.o.obj, r = ev.r.obj, w = ev.w.obj;
    return { ${fields.join(', ')} };`;
  return new Function('C', `return function assemble(id, ts, ev, correlationId, details, uti, pt) { ${body} }`)(CONSTANT_TAIL.obj) as Assemble;
}

/** Builds the record object of an event from its drawn values (sign-in-line.ts writes the same record as bytes). */
export type SignInRenderer = (ev: SignInEvent, draw: SignInDraw) => Record<string, unknown>;

export function createSignInRenderer(sample: SignInEvent, clock: EntraClock): SignInRenderer {
  const assemble = compileAssembler(sample);
  return (ev, draw) => {
    const ts = clock.format(ev.k);
    const steps = ev.o.meta.steps;
    const details = new Array(steps.length);
    for (let i = 0; i < steps.length; i++) {
      const s = steps[i];
      details[i] = {
        authenticationStepDateTime: ts, authenticationMethod: s.authenticationMethod, authenticationMethodDetail: s.authenticationMethodDetail,
        authenticationStepRequirement: s.authenticationStepRequirement, authenticationStepResultDetail: s.authenticationStepResultDetail,
        succeeded: s.succeeded,
      };
    }
    const correlationId = (draw.ownCorrelation ? draw.correlation : (ev.c as SharedId)).text();
    return assemble(draw.id.text(), ts, ev, correlationId, details, draw.tokenId(), draw.processingMs);
  };
}
