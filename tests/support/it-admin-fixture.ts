// Helpers for the IT admin's tests: open an IT session without typing a PIN, a complete valid
// settings form, and a "central" that signs provisioning and ack files for one kiosk.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MethodInput } from '../../shared/contract';
import { buildAckFile, type AckFile } from '../../shared/sync-files/ack-file';
import { buildProvisioningFile, type ProvisioningFile } from '../../shared/sync-files/provisioning-file';
import { keyFingerprint } from '../../shared/sync-files/enrollment-file';
import { generateSigningKeyPair, importPrivateKey } from '../../shared/sync-files/signed-file';
import type { KioskBackend } from '../../electron/backend/kiosk-backend';
import { IT_ADMIN } from './staff-fixture';

/** Open the IT admin's session directly (scrypt costs ~90 ms a hash). */
export function itAdminSession(backend: KioskBackend): void {
  backend.staff.open({ subject: IT_ADMIN, role: 'it-admin', officerId: null, displayName: 'Cán bộ CNTT', mustChangePin: false });
}

export const TEST_TOKEN = 'tok_9f3e2d8b7a6c5e41_a1b2c3d4e5f6';

export function validSettings(patch: Partial<MethodInput<'saveDeviceSettings'>> = {}): MethodInput<'saveDeviceSettings'> {
  return {
    officeCode: '000.00.21.H56',
    officeName: 'UBND xã Tân Lập – Bộ phận Một cửa',
    counterNumber: 3,
    kioskLabel: 'Quầy 3 – Hộ tịch',
    scaleId: 'vn-4',
    timeZone: 'Asia/Ho_Chi_Minh',
    thankYouSeconds: 6,
    serviceAreas: [
      { code: 'HO-TICH', name: 'Hộ tịch', active: true },
      { code: 'CHUNG-THUC', name: 'Chứng thực', active: true },
    ],
    languages: ['vi', 'en'],
    reasons: [
      { code: 'THAI-DO', label: 'Thái độ cán bộ chưa tốt', labelEn: 'Unfriendly officer' },
      { code: 'CHO-LAU', label: 'Thời gian chờ lâu', labelEn: null },
    ],
    endpoint: 'https://dvc.example.gov.vn/hai-long/',
    deviceToken: TEST_TOKEN,
    ...patch,
  };
}

/** A stand-in for central: its own key pair; writes signed .hlprov and .hlack files. */
export async function fakeCentral() {
  const pair = await generateSigningKeyPair();
  const privateKey = await importPrivateKey(pair.privateKeyPkcs8);
  return {
    publicKey: pair.publicKey,
    /** As `central key` prints it: what IT staff confirm at a kiosk's first provisioning. */
    fingerprint: await keyFingerprint(pair.publicKey),
    provisioning: async (dir: string, content: Partial<Omit<ProvisioningFile, 'formatVersion' | 'kind'>> & { deviceId: string }): Promise<string> => {
      const path = join(dir, `quay-${content.counter ?? 5}.hlprov`);
      const bytes = await buildProvisioningFile(
        {
          officeCode: '000.00.21.H99',
          officeName: 'UBND phường Bến Thành',
          counter: 5,
          kioskLabel: 'Quầy 5 – Đất đai',
          scale: 'vn-3',
          serviceAreas: [{ code: 'DAT-DAI', name: 'Đất đai', active: true }],
          timeZone: 'Asia/Ho_Chi_Minh',
          endpoint: null,
          deviceToken: 'prov_token_0123456789abcdefghijkl',
          centralPublicKey: pair.publicKey,
          issuedAt: '2026-11-20T02:00:00.000Z',
          ...content,
        },
        privateKey,
      );
      writeFileSync(path, bytes);
      return path;
    },
    ack: async (dir: string, ack: Omit<AckFile, 'formatVersion' | 'kind'>): Promise<string> => {
      const path = join(dir, `ack-${ack.fileNumber}.hlack`);
      writeFileSync(path, await buildAckFile(ack, privateKey));
      return path;
    },
  };
}
