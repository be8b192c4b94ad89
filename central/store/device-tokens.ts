// Bearer tokens for devices and admins: 256 random bits, stored only as SHA-256. A slow hash
// would add nothing against guessing 256 bits, and a plain hash lets us look tokens up by index.
import { createHash, randomBytes } from 'node:crypto';

/**
 * `hl_` + 256 random bits in base64url. The prefix makes a leaked token recognisable (secret
 * scanners, logs) and keeps a token from starting with '-', which a command line reads as an
 * option (`kiosk configure-sync --token -Ab…` fails as ambiguous: 1 token in 64 did).
 */
export function newToken(): string {
  return `hl_${randomBytes(32).toString('base64url')}`;
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
