// Probes: small queries whose answers the lowering needs before it can finish a plan. Some KQL
// constructs have an output shape, or a size, that depends on the data (bag_unpack's columns are the
// keys found in the bags; make-series without `from`/`to` has as many bins as the data spans). The
// lowering is synchronous and never touches a store, so it asks instead: it throws a ProbeNeeded
// carrying the probe's plan, the runner (kql-service.ts) runs it, records the rows and lowers the
// query again. Lowering is deterministic, so the second pass reaches the same construct under the
// same key and finds its answer.
import type { Relation } from '../ir/index.ts';
import type { Ctx } from './kql-context.ts';
import type { PNode } from './kql-parser.ts';

export type ProbeRows = ReadonlyArray<Readonly<Record<string, unknown>>>;

/** Probe answers by key, filled in by the runner between lowering passes. */
export type ProbeAnswers = ReadonlyMap<string, ProbeRows>;

export class ProbeNeeded extends Error {
  constructor(readonly key: string, readonly plan: Relation) {
    super(`the query needs the answer of probe ${key} first`);
    this.name = 'ProbeNeeded';
  }
}

/**
 * The answer of the probe for this construct, or a ProbeNeeded to get it. The key is the node's
 * offset and the number of times the lowering reached it before in this pass: a tabular let or a
 * function used twice lowers the same node over different inputs.
 */
export function probe(ctx: Ctx, node: PNode, plan: () => Relation): ProbeRows {
  const key = ctx.probeKey(node);
  const rows = ctx.opts.probes?.get(key);
  if (rows) return rows;
  throw new ProbeNeeded(key, plan());
}

/** At most this many probe rounds per query (each bag_unpack or open-ended make-series is one). */
export const MAX_PROBES = 16;
