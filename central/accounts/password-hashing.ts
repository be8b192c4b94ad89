// Web account passwords: scrypt (node:crypto, no native build), parameters stored with each hash
// so they can be raised later without locking anyone out. Never logged, never returned.
//
// Why N=2^15, r=8, p=3: one of OWASP's equal-strength scrypt settings (with 2^17/8/1). It needs
// 32 MiB per hash (128·N·r) instead of 128 MiB: libuv runs at most 4 hashes at once, so a burst
// of sign-ins costs 128 MiB on a small province server, and about 0.25 s of CPU each here, which
// is what makes an offline guess expensive. The online guess is braked by the lockout.
// The hashing itself is the kiosk's PIN hashing (shared/node/pin-hashing.ts: salted scrypt, the
// parameters in each hash, absurd parameters from a tampered row refused, constant-time compare),
// one implementation for every secret a person types; a password only adds NFC first.
import { randomBytes } from 'node:crypto';
import { hashPin, verifyPin, type PinHashCost } from '../../shared/node/pin-hashing';

export type PasswordCost = PinHashCost;

export const DEFAULT_PASSWORD_COST: PasswordCost = { N: 2 ** 15, r: 8, p: 3 };

/** NFC: the same Vietnamese password typed on a keyboard that composes differently still matches. */
const typed = (password: string) => password.normalize('NFC');

/** `scrypt$N$r$p$salt$key`: self-describing, so a later cost still reads old hashes. */
export function hashPassword(password: string, cost: PasswordCost = DEFAULT_PASSWORD_COST): Promise<string> {
  return hashPin(typed(password), cost);
}

/** Constant-time over the derived keys. A hash that does not parse matches nothing. */
export function verifyPassword(password: string, stored: string): Promise<boolean> {
  return verifyPin(typed(password), stored);
}

/**
 * A hash of a random password nobody knows, at the given cost: an unknown username is checked
 * against it, so it takes as long as a known one and the answer's timing names no account.
 */
export function unusableHash(cost: PasswordCost = DEFAULT_PASSWORD_COST): Promise<string> {
  return hashPassword(randomBytes(32).toString('base64url'), cost);
}

const generatedAlphabet = 'abcdefghjkmnpqrstuvwxyz23456789';

/**
 * A password for `user add` without --password-stdin: 20 characters from 31 that are hard to
 * misread (no i, l, o, 0, 1), in groups of 5 for reading aloud: about 99 bits.
 */
export function generatePassword(random: (bytes: number) => Buffer = randomBytes): string {
  const out: string[] = [];
  while (out.length < 20) {
    for (const byte of random(32)) {
      // Rejection sampling: 248 = 8·31, so every character is equally likely.
      if (byte < 248 && out.length < 20) out.push(generatedAlphabet[byte % 31] ?? '');
    }
  }
  return [0, 5, 10, 15].map((i) => out.slice(i, i + 5).join('')).join('-');
}
