// PINs are stored only as salted scrypt hashes: `scrypt$N$r$p$salt_b64$hash_b64`. The
// parameters travel with each hash, so raising the cost later still verifies old hashes.
// One implementation for the kiosk (staff PINs, reset codes) and central (the setup codes a
// provisioning file carries as hashes, and its web account passwords): all import it from here.
import { randomBytes, randomInt, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt's work factors; stored with every hash. */
export interface PinHashCost {
  N: number;
  r: number;
  p: number;
}

/**
 * N=2^15, r=8 takes ~90 ms on a small PC and 32 MiB of memory: cheap for one person at a
 * PIN pad, expensive for someone who copied the database and tries all 10^6..10^8 PINs.
 * The strength every kiosk uses; only tests inject a weaker one (`BackendOptions.pinHashCost`),
 * and `tests/backend/pin-hashing.test.ts` proves a default backend stores this one.
 */
export const PIN_HASH_COST: PinHashCost = { N: 2 ** 15, r: 8, p: 1 };
const SALT_BYTES = 16;
const KEY_BYTES = 32;

/** The first-run PIN of the section head and IT admin (docs/ARCHITECTURE.md); must be changed at first use. */
export const DEFAULT_PIN = '123456';

function derive(pin: string, salt: Buffer, cost: PinHashCost): Promise<Buffer> {
  // maxmem: Node's 32 MiB default is exactly 128·N·r, which scrypt rejects; allow headroom.
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r };
  return new Promise((resolve, reject) => {
    scrypt(pin, salt, KEY_BYTES, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPin(pin: string, cost: PinHashCost = PIN_HASH_COST): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(pin, salt, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** The stored form `hashPin` writes; `verifyPin` refuses absurd parameters on top of this. */
export const pinHashPattern = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/;

/** False for a wrong PIN and for a hash we cannot read; compared in constant time. */
export async function verifyPin(pin: string, pinHash: string): Promise<boolean> {
  const parts = pinHashPattern.exec(pinHash);
  if (parts === null) return false;
  const [, N, r, p, salt, hash] = parts as unknown as [string, string, string, string, string, string];
  const expected = Buffer.from(hash, 'base64');
  // Refuse absurd parameters from a tampered row rather than allocate gigabytes.
  if (expected.length !== KEY_BYTES || Number(N) > 2 ** 20 || Number(r) > 32 || Number(p) > 16) return false;
  const actual = await derive(pin, Buffer.from(salt, 'base64'), { N: Number(N), r: Number(r), p: Number(p) });
  return timingSafeEqual(actual, expected);
}

/**
 * Verified against when the subject does not exist, so an unknown or inactive officer
 * costs the same time as a wrong PIN (of the same strength) and the answer is the same.
 */
export function unusableHash(cost: PinHashCost = PIN_HASH_COST): string {
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${Buffer.alloc(SALT_BYTES).toString('base64')}$${Buffer.alloc(KEY_BYTES).toString('base64')}`;
}

/**
 * PINs that a person watching, or a first guess, would try: one digit repeated, a run up or
 * down (123456, 654321, 3456789), and the default PIN.
 */
export function isWeakPin(pin: string): boolean {
  if (pin === DEFAULT_PIN) return true;
  const digits = [...pin].map(Number);
  const steps = digits.slice(1).map((d, i) => d - (digits[i] ?? 0));
  return [0, 1, -1].some((step) => steps.every((s) => s === step));
}

export const ONE_TIME_CODE_DIGITS = 10;

/**
 * A one-time code (`reset-pin`, central's setup codes): 10 digits from the OS's CSPRNG, leading
 * zeros kept, 10^10 codes each equally likely. Typed on the PIN pad like a PIN, changed at once.
 */
export function oneTimeCode(): string {
  return randomInt(0, 10 ** ONE_TIME_CODE_DIGITS)
    .toString()
    .padStart(ONE_TIME_CODE_DIGITS, '0');
}
