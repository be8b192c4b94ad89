// The provisioning file's optional `setupCodes` (formatVersion stays 1): only scrypt hashes in
// the kiosk's format, within the kiosk's bounds; never a code in clear.
import { describe, expect, it } from 'vitest';
import { officeCodeSchema } from '../../shared/device-settings';
import { provisioningFileSchema } from '../../shared/sync-files/provisioning-file';
import { hashPin, PIN_HASH_COST, verifyPin } from '../../shared/node/pin-hashing';
import { hashPin as kioskHashPin } from '../../electron/backend/staff/pin-hashing';

const base = {
  formatVersion: 1,
  kind: 'provisioning',
  deviceId: '6f1c2a9e-4b7d-4c1a-9f3e-2d8b7a6c5e41',
  officeCode: '000.00.21.H56',
  officeName: 'UBND xã Tân Lập',
  counter: 3,
  kioskLabel: null,
  scale: 'vn-3',
  serviceAreas: null,
  timeZone: 'Asia/Ho_Chi_Minh',
  endpoint: null,
  deviceToken: 'example-token-not-real-0123456789abcdefghij',
  centralPublicKey: 'Xk4vcbM3eJp0yQ2Zr8Tn1aLdUfGh6iWoPs9BtCwEm7A=',
  issuedAt: '2026-11-20T02:00:00.000Z',
};

describe('provisioning file: setup codes', () => {
  it('is optional, and takes the scrypt hashes central and the kiosk both make (one implementation)', async () => {
    expect(provisioningFileSchema.parse(base).setupCodes).toBeUndefined();
    expect(kioskHashPin).toBe(hashPin);
    const head = await hashPin('0123456789', PIN_HASH_COST);
    const it = await hashPin('9876543210', PIN_HASH_COST);
    expect(provisioningFileSchema.parse({ ...base, setupCodes: { 'section-head': head, 'it-admin': it } }).setupCodes).toEqual({ 'section-head': head, 'it-admin': it });
    expect(await verifyPin('0123456789', head)).toBe(true);
  });

  it('refuses codes in clear, weak or absurd work factors, a missing role or an extra key', async () => {
    const good = await hashPin('0123456789', PIN_HASH_COST);
    const weak = await hashPin('0123456789', { N: 2 ** 10, r: 8, p: 1 });
    const bad = (setupCodes: unknown) => provisioningFileSchema.safeParse({ ...base, setupCodes }).success;
    expect(bad({ 'section-head': '0123456789', 'it-admin': good })).toBe(false);
    expect(bad({ 'section-head': weak, 'it-admin': good })).toBe(false);
    expect(bad({ 'section-head': good.replace('$32768$', '$1073741824$'), 'it-admin': good })).toBe(false);
    expect(bad({ 'section-head': good })).toBe(false);
    expect(bad({ 'section-head': good, 'it-admin': good, officer: good })).toBe(false);
  });
});

describe('provisioning file: the office code', () => {
  it('is checked exactly as the setup screen checks it (one schema)', () => {
    expect(provisioningFileSchema.shape.officeCode).toBe(officeCodeSchema);
    for (const bad of ['000 00 21', 'Mã/đơn-vị', '<script>', '']) expect(provisioningFileSchema.safeParse({ ...base, officeCode: bad }).success).toBe(false);
    expect(provisioningFileSchema.parse({ ...base, officeCode: ' 000.00.21.H56 ' }).officeCode).toBe('000.00.21.H56');
  });
});
