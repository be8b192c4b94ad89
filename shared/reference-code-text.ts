// The reference code's written form (issue 15, the report path): "HL-" and ten Crockford
// base32 characters in two groups of five, e.g. HL-7Q2MV-K0D9X. Zod-free and pure: the
// contract's input schema, the staff lookup screen and central's CLI read typed codes with the
// same forgiving parser. The derivation from a rating id (SHA-256) is shared/node/reference-code.ts.

/** Crockford's base32: no I, L, O, U, so a code read aloud or copied by hand is hard to misread. */
export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const REFERENCE_PREFIX = 'HL';
/** 10 characters × 5 bits = 50 bits of the hash (collision figures: docs/DECISIONS.md, issue 15). */
export const REFERENCE_LENGTH = 10;

/** The written form of ten code characters: HL-XXXXX-XXXXX. */
export function formatReferenceCode(body: string): string {
  return `${REFERENCE_PREFIX}-${body.slice(0, 5)}-${body.slice(5)}`;
}

/**
 * A code as a person typed or read it, in its written form; null when it cannot be one.
 * Forgiving the way Crockford base32 is meant to be: lower case, O for 0, I or L for 1, spaces
 * and dashes anywhere, the "HL" prefix optional. Nothing else is guessed: a wrong character is
 * not "corrected" into some other rating's code.
 */
export function parseReferenceCode(typed: string): string | null {
  let text = typed.toUpperCase().replace(/[\s\-–—_.]/g, '');
  if (text.length === REFERENCE_LENGTH + REFERENCE_PREFIX.length && text.startsWith(REFERENCE_PREFIX)) text = text.slice(REFERENCE_PREFIX.length);
  if (text.length !== REFERENCE_LENGTH) return null;
  const body = text.replace(/O/g, '0').replace(/[IL]/g, '1');
  for (const ch of body) if (!CROCKFORD_ALPHABET.includes(ch)) return null;
  return formatReferenceCode(body);
}
