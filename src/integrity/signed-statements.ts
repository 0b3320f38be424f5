// The statements idtrail signs, as canonical JSON so anyone can re-derive the signed bytes:
// checkpoints handed to third parties, retention bases and redactions kept beside the chain.
import { canonicalJson, type LogKind } from '../model/index.ts';
import type { ChainBaseRow, RedactionRow } from '../store/index.ts';
import { verifyWithPublicKey, type SigningKey } from './signing-key.ts';

export interface CheckpointPayload {
  readonly v: 1;
  readonly type: 'checkpoint';
  readonly tenantId: string;
  readonly kind: LogKind;
  /** Sequence number of the latest record: the chain's length since the tenant began. */
  readonly seq: number;
  /** Hex link after record `seq`. */
  readonly link: string;
  /** Records currently retained. */
  readonly records: number;
  readonly at: string;
  readonly keyId: string;
}

export interface SignedCheckpoint {
  readonly payload: CheckpointPayload;
  /** base64url Ed25519 signature of canonicalJson(payload). */
  readonly signature: string;
  readonly publicKey: string;
}

export function signCheckpoint(key: SigningKey, p: Omit<CheckpointPayload, 'v' | 'type' | 'keyId'>): SignedCheckpoint {
  const payload: CheckpointPayload = { v: 1, type: 'checkpoint', ...p, keyId: key.keyId };
  return { payload, signature: key.sign(canonicalJson(payload as never)), publicKey: key.publicKeyPem };
}

/** What a third party runs: only the checkpoint and the public key it trusts are needed. */
export function checkCheckpointSignature(c: SignedCheckpoint, trustedPublicKeyPem: string = c.publicKey): boolean {
  return verifyWithPublicKey(trustedPublicKeyPem, canonicalJson(c.payload as never), c.signature);
}

const baseText = (b: Omit<ChainBaseRow, 'signature'>) =>
  canonicalJson({ v: 1, type: 'retention-base', tenantId: b.tenantId, kind: b.kind, seq: b.seq, link: b.link, at: b.at });
const redactionText = (r: Omit<RedactionRow, 'signature'>) =>
  canonicalJson({ v: 1, type: 'redaction', tenantId: r.tenantId, kind: r.kind, seq: r.seq, digest: r.digest });

export const signBase = (key: SigningKey, b: Omit<ChainBaseRow, 'signature'>): ChainBaseRow => ({ ...b, signature: key.sign(baseText(b)) });
export const baseIsSigned = (key: SigningKey, b: ChainBaseRow) => key.verify(baseText(b), b.signature);
export const signRedaction = (key: SigningKey, r: Omit<RedactionRow, 'signature'>): RedactionRow => ({ ...r, signature: key.sign(redactionText(r)) });
export const redactionIsSigned = (key: SigningKey, r: RedactionRow) => key.verify(redactionText(r), r.signature);
