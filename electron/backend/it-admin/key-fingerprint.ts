import { createHash } from 'node:crypto';

/** A short, readable fingerprint of a public key (base64): the first 80 bits of its SHA-256. */
export function keyFingerprint(publicKeyBase64: string): string {
  const hex = createHash('sha256').update(Buffer.from(publicKeyBase64, 'base64')).digest('hex').slice(0, 20).toUpperCase();
  return hex.match(/.{4}/g)?.join(' ') ?? hex;
}
