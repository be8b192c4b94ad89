// The reference code (issue 15): a stable derivation from the rating id (kiosk and central
// compute it alone, so a vector pins it), and a forgiving reader of what a person typed.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { referenceCodeOf, REFERENCE_DOMAIN } from '../../shared/node/reference-code';
import { CROCKFORD_ALPHABET, parseReferenceCode } from '../../shared/reference-code-text';

const RATING = '0190f5a2-6c3e-7b1a-9f00-1234567890ab';

describe('referenceCodeOf', () => {
  it('is the first 50 bits of SHA-256 over the domain-separated id, in Crockford base32 (a fixed vector)', () => {
    // By hand: sha256("hai-long/reference-code/v1\n" + id) = 1397b5f2770d8…; its top 50 bits in 5-bit groups.
    const hex = createHash('sha256').update(`hai-long/reference-code/v1\n${RATING}`).digest('hex');
    expect(hex.slice(0, 16)).toBe('1397b5f2770d837c');
    const bits = BigInt(`0x${hex.slice(0, 16)}`) >> 14n;
    const groups = Array.from({ length: 10 }, (_, i) => Number((bits >> BigInt(5 * (9 - i))) & 31n));
    const body = groups.map((g) => CROCKFORD_ALPHABET[g]).join('');
    expect(referenceCodeOf(RATING)).toBe(`HL-${body.slice(0, 5)}-${body.slice(5)}`);
    expect(referenceCodeOf(RATING)).toBe('HL-2EBVB-WKQ1P');
    expect(REFERENCE_DOMAIN).toBe('hai-long/reference-code/v1\n');
  });

  it('does not depend on the case of the id, and differs between neighbouring ids', () => {
    expect(referenceCodeOf(RATING.toUpperCase())).toBe(referenceCodeOf(RATING));
    expect(referenceCodeOf('0190f5a2-6c3e-7b1a-9f00-1234567890ac')).not.toBe(referenceCodeOf(RATING));
  });

  it('spreads over the whole alphabet, no collision among 20 000 ids', () => {
    const codes = new Set<string>();
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i += 1) {
      const code = referenceCodeOf(`0190f5a2-6c3e-7b1a-9f00-${i.toString(16).padStart(12, '0')}`);
      expect(code).toMatch(/^HL-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
      codes.add(code);
      for (const ch of code.slice(3).replace('-', '')) seen.add(ch);
    }
    expect(codes.size).toBe(20_000);
    expect(seen.size).toBe(32);
  });
});

describe('parseReferenceCode', () => {
  const code = 'HL-2EBVB-WKQ1P';
  it.each([
    ['as written', 'HL-2EBVB-WKQ1P'],
    ['lower case', 'hl-2ebvb-wkq1p'],
    ['no dashes', 'HL2EBVBWKQ1P'],
    ['no prefix', '2EBVB-WKQ1P'],
    ['spaces, and I typed for 1', ' hl 2ebvb wkqip '],
  ])('reads %s', (_, typed) => {
    expect(parseReferenceCode(typed)).toBe(code);
  });

  it('reads O as 0 and I or L as 1, as Crockford base32 means', () => {
    expect(parseReferenceCode('hl-o1i0l-ABCDE')).toBe('HL-01101-ABCDE');
  });

  it.each([
    ['too short', 'HL-2EBVB-WKGD'],
    ['too long', 'HL-2EBVB-WKGDGG'],
    ['U is not in the alphabet', 'HL-2EBVB-WKGDU'],
    ['a symbol', 'HL-2EBVB-WKG*G'],
    ['empty', ''],
    ['another prefix', 'XX-2EBVB-WKGDG'],
  ])('refuses %s', (_, typed) => {
    expect(parseReferenceCode(typed)).toBeNull();
  });
});
