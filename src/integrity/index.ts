export { genesisLink, recordDigest, nextLink } from './hash-chain.ts';
export { loadOrCreateSigningKey, signingKeyFrom, verifyWithPublicKey, type SigningKey } from './signing-key.ts';
export { createChainRecorder, type ChainRecorder } from './chain-recorder.ts';
export { walkChain, type IntegrityDeps, type VerifyReport, type BrokenLink } from './chain-verifier.ts';
export { signCheckpoint, checkCheckpointSignature, type SignedCheckpoint, type CheckpointPayload } from './signed-statements.ts';
export { issueCheckpoint } from './checkpoint.ts';
export { runRetention, purgeExpired, retentionDays, startRetentionJob, TIER_RETENTION_DAYS, type RetentionOutcome } from './retention-job.ts';
