// Tokens central issues: usable as a command-line argument as printed (never starting with '-'),
// recognisable, 256 random bits.
import { describe, expect, it } from 'vitest';
import { newToken, tokenHash } from '../../central/store/device-tokens';

describe('newToken', () => {
  it('is hl_ and 43 base64url characters (256 bits), never alike, never an option-looking argument', () => {
    const tokens = Array.from({ length: 2000 }, newToken);
    for (const token of tokens) expect(token).toMatch(/^hl_[A-Za-z0-9_-]{43}$/);
    expect(new Set(tokens).size).toBe(tokens.length);
    expect(tokens.filter((t) => t.startsWith('-'))).toEqual([]);
  });

  it('is stored as its SHA-256 only', () => {
    const token = newToken();
    expect(tokenHash(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(tokenHash(token)).not.toContain(token);
  });
});
