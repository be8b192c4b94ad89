// The kiosk's Ed25519 device key, created on first use. The private key (PKCS8) is a secret:
// only the SecretStore holds it (safeStorage under Electron). The public key is also kept in
// the settings table, so showing or exporting it never needs the secret unsealed.
import { createPrivateKey, createPublicKey } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { fromBase64, generateSigningKeyPair, importPrivateKey, toBase64 } from '../../../shared/sync-files/signed-file';
import type { SecretStore } from '../secret-store';
import { readDevicePublicKey, saveDevicePublicKey } from '../settings-repo';

export interface DeviceKey {
  /** Raw 32-byte Ed25519 public key, base64. */
  publicKey: string;
  privateKey: CryptoKey;
}

export async function ensureDeviceKey(db: Database, secrets: SecretStore): Promise<DeviceKey> {
  let pkcs8 = secrets.read('device-private-key');
  if (pkcs8 === undefined) {
    const pair = await generateSigningKeyPair();
    // The secret first: a crash before the public key is saved is repaired below on next use.
    secrets.write('device-private-key', pair.privateKeyPkcs8);
    pkcs8 = pair.privateKeyPkcs8;
  }
  const publicKey = publicKeyOf(pkcs8);
  if (readDevicePublicKey(db) !== publicKey) saveDevicePublicKey(db, publicKey);
  return { publicKey, privateKey: await importPrivateKey(pkcs8) };
}

function publicKeyOf(pkcs8Base64: string): string {
  const privateKey = createPrivateKey({ key: Buffer.from(fromBase64(pkcs8Base64)), format: 'der', type: 'pkcs8' });
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new Error('not an Ed25519 key');
  return toBase64(Buffer.from(jwk.x, 'base64url'));
}
