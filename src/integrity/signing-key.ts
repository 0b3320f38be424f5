// The Ed25519 key that signs checkpoints and retention bases. It lives in the data directory
// (mode 0600) so a checkpoint issued today can be checked against the same public key next year;
// a throwaway store gets a throwaway key.
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, createHash, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SigningKey {
  /** base64url Ed25519 signature of the UTF-8 text. */
  sign(text: string): string;
  verify(text: string, signature: string): boolean;
  readonly publicKeyPem: string;
  /** First 16 hex digits of SHA-256 of the SPKI DER: names the key in checkpoints. */
  readonly keyId: string;
}

export function signingKeyFrom(privateKey: KeyObject): SigningKey {
  const pub = createPublicKey(privateKey);
  const der = pub.export({ type: 'spki', format: 'der' });
  return {
    sign: (text) => sign(null, Buffer.from(text, 'utf8'), privateKey).toString('base64url'),
    verify: (text, signature) => {
      try {
        return verify(null, Buffer.from(text, 'utf8'), pub, Buffer.from(signature, 'base64url'));
      } catch {
        return false;
      }
    },
    publicKeyPem: pub.export({ type: 'spki', format: 'pem' }).toString(),
    keyId: createHash('sha256').update(der).digest('hex').slice(0, 16),
  };
}

export function loadOrCreateSigningKey(dataDir: string | null): SigningKey {
  if (dataDir === null || dataDir === ':memory:') return signingKeyFrom(generateKeyPairSync('ed25519').privateKey);
  const file = join(dataDir, 'checkpoint-signing-key.pem');
  if (existsSync(file)) return signingKeyFrom(createPrivateKey(readFileSync(file)));
  const { privateKey } = generateKeyPairSync('ed25519');
  writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  return signingKeyFrom(privateKey);
}

/** Check a signature with only the public key, as a third party holding a checkpoint would. */
export function verifyWithPublicKey(publicKeyPem: string, text: string, signature: string): boolean {
  try {
    return verify(null, Buffer.from(text, 'utf8'), createPublicKey(publicKeyPem), Buffer.from(signature, 'base64url'));
  } catch {
    return false;
  }
}
