// `Authorization: Bearer <token>` → the token, or undefined for anything else. Tokens are
// base64url (43 characters for 32 bytes); a generous bound refuses junk before hashing.
import { z } from 'zod';

const bearerPattern = /^Bearer +([A-Za-z0-9_-]{16,256}) *$/i;

export function bearerToken(authorization: unknown): string | undefined {
  const header = z.string().safeParse(authorization);
  return header.success ? bearerPattern.exec(header.data)?.[1] : undefined;
}
