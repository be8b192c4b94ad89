// Web account passwords: scrypt (node:crypto, no native build), parameters stored with each hash
// so they can be raised later without locking anyone out. Never logged, never returned.
//
// Why N=2^15, r=8, p=3: one of OWASP's equal-strength scrypt settings (with 2^17/8/1). It needs
// 32 MiB per hash (128·N·r) instead of 128 MiB: libuv runs at most 4 hashes at once, so a burst
// of sign-ins costs 128 MiB on a small province server, and about 0.25 s of CPU each here, which
// is what makes an offline guess expensive. The online guess is braked by the lockout.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface PasswordCost {
  /** CPU/memory cost, a power of two. */
  N: number;
  r: number;
  p: number;
}

export const DEFAULT_PASSWORD_COST: PasswordCost = { N: 2 ** 15, r: 8, p: 3 };
const KEY_BYTES = 32;
const SALT_BYTES = 16;
const hashPattern = /^scrypt\$(\d{1,7})\$(\d{1,2})\$(\d{1,2})\$([A-Za-z0-9_-]{22})\$([A-Za-z0-9_-]{43})$/;

function derive(password: string, salt: Buffer, cost: PasswordCost): Promise<Buffer> {
  // maxmem: Node's default (32 MiB) is exactly 128·N·r for N=2^15 and refuses it; allow twice that.
  const options: ScryptOptions = { N: cost.N, r: cost.r, p: cost.p, maxmem: 2 * 128 * cost.N * cost.r + 1024 * 1024 };
  // NFC: the same Vietnamese password typed on a keyboard that composes differently still matches.
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** `scrypt$N$r$p$salt$key`, base64url: self-describing, so a later cost still reads old hashes. */
export async function hashPassword(password: string, cost: PasswordCost = DEFAULT_PASSWORD_COST): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, cost);
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** Constant-time over the derived keys. A hash that does not parse matches nothing. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = hashPattern.exec(stored);
  if (parts === null) return false;
  const [, n, r, p, salt, key] = parts;
  const expected = Buffer.from(key ?? '', 'base64url');
  const actual = await derive(password, Buffer.from(salt ?? '', 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
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
