// Central's Ed25519 signing key: created on first use and kept in the central database (both
// stores), so every central process on one database signs with the same key. It signs ack and
// provisioning files; kiosks pin its public half (docs/sync-protocol.md, "Sync files (USB)").
// Alternatively CENTRAL_SIGNING_KEY_FILE names a PKCS8 key file (PEM, or DER in base64) that
// several central instances share; it must be readable by its owner only (0600/0400).
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { generateSigningKeyPair, importPrivateKey, toBase64 } from '../shared/sync-files/signed-file';
import { isGroupOrWorldAccessible } from '../shared/node/file-modes';
import { FILE_LIMITS, readRegularFile } from '../shared/node/safe-file-read';
import type { CentralStore, SigningKeyText } from './store/central-store';

export const SIGNING_KEY_FILE_ENV = 'CENTRAL_SIGNING_KEY_FILE';

export interface CentralSigningKey {
  publicKey: string;
  privateKey: CryptoKey;
}

export async function centralSigningKey(store: CentralStore): Promise<CentralSigningKey> {
  // A racing process may insert first: ensureSigningKey returns whichever key was stored.
  // A store opened with a key file returns that key and stores nothing.
  const stored = await store.ensureSigningKey(await generateSigningKeyPair());
  return { publicKey: stored.publicKey, privateKey: await importPrivateKey(stored.privateKeyPkcs8) };
}

export const signingKeyFileCodes = ['KEY_FILE_TOO_OPEN', 'KEY_FILE_INVALID'] as const;
export type SigningKeyFileCode = (typeof signingKeyFileCodes)[number];

export class SigningKeyFileError extends Error {
  constructor(
    readonly code: SigningKeyFileCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'SigningKeyFileError';
  }
}

/** Reads and checks the key file named by CENTRAL_SIGNING_KEY_FILE. */
export function readSigningKeyFile(path: string): SigningKeyText {
  const bytes = readRegularFile(path, FILE_LIMITS.smallText, (stat) => {
    if (isGroupOrWorldAccessible(stat.mode)) {
      const mode = (stat.mode & 0o777).toString(8).padStart(3, '0');
      throw new SigningKeyFileError(
        'KEY_FILE_TOO_OPEN',
        `Tệp khóa ký ${path} có quyền ${mode}: người dùng khác đọc được khóa bí mật. Chạy "chmod 600 ${path}" rồi thử lại; không dùng tệp này.`,
      );
    }
  });
  let key: KeyObject;
  try {
    const text = bytes.toString('utf8').trim();
    key = text.startsWith('-----BEGIN')
      ? createPrivateKey({ key: text, format: 'pem' })
      : createPrivateKey({ key: Buffer.from(text, 'base64'), format: 'der', type: 'pkcs8' });
  } catch (error) {
    throw new SigningKeyFileError('KEY_FILE_INVALID', `Tệp khóa ký ${path} không phải khóa bí mật PKCS8 (PEM hoặc base64): ${error instanceof Error ? error.message : String(error)}`);
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new SigningKeyFileError('KEY_FILE_INVALID', `Tệp khóa ký ${path} chứa khóa ${key.asymmetricKeyType ?? 'không rõ'}, cần Ed25519.`);
  }
  const jwk = createPublicKey(key).export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new SigningKeyFileError('KEY_FILE_INVALID', `Tệp khóa ký ${path}: không suy ra được khóa công khai.`);
  return { publicKey: toBase64(Buffer.from(jwk.x, 'base64url')), privateKeyPkcs8: toBase64(key.export({ format: 'der', type: 'pkcs8' })) };
}
