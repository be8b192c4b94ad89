// The reference code of a rating (issue 15, the report path): derived from the rating id alone,
// so the kiosk that shows it and central that stores it compute the same code with no new key
// on the wire. SHA-256 over a domain-separated string (a hash of the bare id could collide by
// design with some other use of the same hash), its first 50 bits in Crockford base32.
import { createHash } from 'node:crypto';
import { CROCKFORD_ALPHABET, formatReferenceCode, REFERENCE_LENGTH } from '../reference-code-text';

/** Versioned: a future derivation gets a new tag, and codes already handed out keep resolving. */
export const REFERENCE_DOMAIN = 'hai-long/reference-code/v1\n';

/** The code a citizen writes down for the rating `ratingId` (a UUID; case does not matter). */
export function referenceCodeOf(ratingId: string): string {
  const digest = createHash('sha256').update(REFERENCE_DOMAIN + ratingId.toLowerCase(), 'utf8').digest();
  // The first 56 bits, of which the top 50 make the ten characters.
  let bits = digest.readBigUInt64BE(0) >> 14n;
  let body = '';
  for (let i = 0; i < REFERENCE_LENGTH; i += 1) {
    body = CROCKFORD_ALPHABET[Number(bits & 31n)] + body;
    bits >>= 5n;
  }
  return formatReferenceCode(body);
}
