import { describe, expect, it } from 'vitest';
import { openKioskBackend } from '../../electron/backend/kiosk-backend';
import { DEFAULT_PIN, hashPin, isWeakPin, PIN_HASH_COST, unusableHash, verifyPin } from '../../electron/backend/staff/pin-hashing';
import { capturingLogger, tempDataDir, TEST_PIN_HASH_COST } from '../support/backend-fixture';
import { HEAD_PIN, must, SECTION_HEAD } from '../support/staff-fixture';

describe('PIN hashing', () => {
  it('stores scrypt$N$r$p$salt$hash with a 16-byte salt and a 32-byte key', async () => {
    const hash = await hashPin('480275');
    const [scheme, N, r, p, salt, key, ...rest] = hash.split('$');
    expect([scheme, N, r, p, rest]).toEqual(['scrypt', '32768', '8', '1', []]);
    expect(Buffer.from(salt ?? '', 'base64')).toHaveLength(16);
    expect(Buffer.from(key ?? '', 'base64')).toHaveLength(32);
    expect(hash).not.toContain('480275');
  });

  it('salts every hash: the same PIN twice gives two different hashes, both verifying', async () => {
    const [a, b] = await Promise.all([hashPin('480275'), hashPin('480275')]);
    expect(a).not.toBe(b);
    expect(await verifyPin('480275', a)).toBe(true);
    expect(await verifyPin('480275', b)).toBe(true);
  });

  it('refuses a wrong PIN, a tampered hash and garbage', async () => {
    const hash = await hashPin('480275');
    expect(await verifyPin('480276', hash)).toBe(false);
    expect(await verifyPin('', hash)).toBe(false);
    const parts = hash.split('$');
    const flipped = Buffer.from(parts[5] ?? '', 'base64');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(await verifyPin('480275', [...parts.slice(0, 5), flipped.toString('base64')].join('$'))).toBe(false);
    expect(await verifyPin('480275', 'plain:480275')).toBe(false);
    expect(await verifyPin('480275', hash.replace('$32768$', '$1073741824$'))).toBe(false);
  });

  it('a kiosk backend opened without an injected strength stores every PIN at the real one (N=2^15, r=8)', async () => {
    // The one test at full strength: every other backend test injects TEST_PIN_HASH_COST.
    expect(PIN_HASH_COST).toEqual({ N: 32768, r: 8, p: 1 });
    const backend = openKioskBackend({ dataDir: tempDataDir(), appVersion: '9.9.9-test', log: capturingLogger().log, autoSync: false });
    try {
      await must(backend, 'staffSignIn', { subject: SECTION_HEAD, pin: DEFAULT_PIN });
      await must(backend, 'changePin', { currentPin: DEFAULT_PIN, newPin: HEAD_PIN });
      const rows = backend.context.db.prepare('SELECT pin_hash FROM staff_credentials').all() as { pin_hash: string }[];
      expect(rows.map((r) => r.pin_hash)).toEqual([expect.stringMatching(/^scrypt\$32768\$8\$1\$/)]);
      expect(await verifyPin(HEAD_PIN, rows[0]?.pin_hash ?? '')).toBe(true);
    } finally {
      backend.close();
    }
  });

  it('an unknown subject is checked against a hash of the same strength as real ones', () => {
    for (const cost of [PIN_HASH_COST, TEST_PIN_HASH_COST]) {
      expect(unusableHash(cost).split('$').slice(0, 4)).toEqual(['scrypt', String(cost.N), String(cost.r), String(cost.p)]);
    }
  });

  it('calls weak: one digit repeated, runs up or down, the default', () => {
    for (const weak of ['111111', '00000000', '123456', '234567', '3456789', '654321', '98765432', DEFAULT_PIN]) {
      expect(isWeakPin(weak), weak).toBe(true);
    }
    for (const fine of ['480275', '112233', '135790', '123457', '909090', '01234568']) {
      expect(isWeakPin(fine), fine).toBe(false);
    }
  });
});
