// Public door of demo/: a deterministic synthetic tenant with planted attacks and known answers.
import type { DemoOptions } from './generate.ts';

export { generateDemo, type DemoOptions, type DemoSummary } from './generate.ts';
export type { DemoRecordSink, DemoNdjsonSink, DemoSink } from './demo-sink.ts';
export { createNdjsonSink, runDemoToDir, type NdjsonSink } from './write-ndjson.ts';
export type { GroundTruth, PlantedAttack, AttackType } from './ground-truth.ts';
export type { DemoExpectations, AppSignInCounts, UserSignInTimes } from './expectations.ts';
export type { SignUpFunnel, FunnelSlice, StageCounts } from './sign-up-funnel.ts';
export { SIGN_UP_INTERRUPT_CODES } from './sign-up-funnel.ts';

/** What `npm start` / `idtrail demo` generate into an empty store: about a minute at most, end = now. */
export function defaultDemoOptions(now: Date = new Date()): DemoOptions {
  return { seed: 42, users: 300, days: 30, endDate: now.toISOString(), attacks: true };
}
export { createIngestSink, type IngestSink } from './ingest-sink.ts';
