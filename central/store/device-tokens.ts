// Bearer tokens for devices and admins: 256 random bits, stored only as SHA-256. A slow hash
// would add nothing against guessing 256 bits, and a plain hash lets us look tokens up by index.
import { createHash, randomBytes } from 'node:crypto';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
