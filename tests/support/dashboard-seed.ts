// A small province for the dashboard tests (issue 16), seeded through central's real ingest path
// (POST /api/v1/batches: format 1 batches of ratings and reason answers, then each kiosk's signed
// format 2 directory), with a unit hierarchy and two accounts. The hand count is in
// tests/central/dashboard-figures.test.ts, next to what it checks.
//
//   Huyện Phú Lộc (D1) → Xã Lộc Trì (C1) → office 000.00.21.H56 → devices A1 (counter 1), A2 (counter 2)
//   Huyện Nam Đông (D2) → office 000.00.22.H57 → device B1
//
// Officer ids are each kiosk's own: A1 and B1 both call their officer "o-1", who are different people.
import { generateSigningKeyPair, importPrivateKey } from '../../shared/sync-files/signed-file';
import { signChainHead } from '../../shared/sync/chain';
import type { SyncBatchInput, WireRating, WireReasonAnswer } from '../../shared/sync/wire';
import type { CentralStore } from '../../central/store/central-store';
import { ADMIN_PASSWORD, addTestAccount, VIEWER_PASSWORD } from './account-fixture';
import { batchOf, postBatch, reasonAnswer, reasonAnswerId, wireRating } from './central-fixture';

export const OFFICE_A = '000.00.21.H56';
export const OFFICE_B = '000.00.22.H57';
export const DEVICES = { A1: '0193a1b2-0000-7000-8000-0000000000a1', A2: '0193a1b2-0000-7000-8000-0000000000a2', B1: '0193a1b2-0000-7000-8000-0000000000b1' } as const;

interface Rated {
  seq: number;
  level: number;
  /** Local wall time with offset, as the kiosk stamps createdAt; its date is the local day. */
  at: string;
  officer?: string | null;
  area?: string | null;
  flags?: string[];
}

const rating = (deviceId: string, r: Rated): WireRating =>
  wireRating(deviceId, r.seq, { level: r.level, createdAt: r.at, localDay: r.at.slice(0, 10), officerId: r.officer ?? null, serviceCode: r.area ?? null, flags: r.flags ?? [] });

const nov = (day: number, time = '09:00:00.000') => `2026-11-${String(day).padStart(2, '0')}T${time}+07:00`;

// Every rating of the province. `// x` marks what the November figures must leave out.
const RATINGS: Record<keyof typeof DEVICES, Rated[]> = {
  A1: [
    { seq: 1, level: 1, at: nov(3), officer: 'o-1', area: 'HO-TICH' },
    { seq: 2, level: 1, at: nov(3, '10:00:00.000'), officer: 'o-1', area: 'HO-TICH' },
    { seq: 3, level: 2, at: nov(4), officer: 'o-1', area: 'HO-TICH' },
    { seq: 4, level: 3, at: nov(5), officer: 'o-1', area: 'HO-TICH' },
    { seq: 5, level: 3, at: nov(6), officer: 'o-1', area: 'HO-TICH' },
    { seq: 6, level: 1, at: nov(6, '09:00:01.000'), officer: 'o-1', area: 'HO-TICH', flags: ['burst'] }, // x misuse
    { seq: 7, level: 3, at: nov(6, '09:00:02.000'), officer: 'o-1', area: 'HO-TICH', flags: ['cooldown'] }, // x misuse
    { seq: 8, level: 2, at: nov(7, '18:30:00.000'), officer: 'o-1', area: 'HO-TICH', flags: ['outside_hours'] }, // information only: counted
  ],
  A2: [
    // Five past midnight on 1 November in Hà Nội is still 31 October in UTC: November's.
    { seq: 1, level: 1, at: '2026-11-01T00:05:00.000+07:00', officer: 'o-2', area: 'DAT-DAI' },
    { seq: 2, level: 1, at: nov(10), officer: 'o-2', area: 'DAT-DAI' },
    { seq: 3, level: 3, at: nov(11), officer: 'o-2', area: 'DAT-DAI' },
    { seq: 4, level: 2, at: nov(12), officer: null, area: null },
    // Ten past midnight on 1 December is 30 November in UTC: December's, not November's. // x
    { seq: 5, level: 3, at: '2026-12-01T00:10:00.000+07:00', officer: 'o-2', area: 'DAT-DAI' },
  ],
  B1: [
    { seq: 1, level: 1, at: '2026-10-15T09:00:00.000+07:00', officer: 'o-1', area: 'HO-TICH' }, // x October: the previous period
    { seq: 2, level: 1, at: '2026-10-20T09:00:00.000+07:00', officer: 'o-1', area: 'HO-TICH' }, // x October
    { seq: 3, level: 3, at: nov(2), officer: 'o-1', area: 'HO-TICH' },
    { seq: 4, level: 3, at: nov(9), officer: 'o-1', area: 'HO-TICH' },
    { seq: 5, level: 1, at: nov(16), officer: 'o-1', area: 'HO-TICH' },
    { seq: 6, level: 2, at: nov(23), officer: 'o-1', area: 'HO-TICH' },
    { seq: 7, level: 3, at: nov(30, '23:55:00.000'), officer: 'o-1', area: 'HO-TICH' },
  ],
};

const reasons = (...codes: string[]) => codes.map((code) => ({ code, label: { 'CHO-LAU': 'Thời gian chờ lâu', 'THAI-DO': 'Thái độ cán bộ chưa tốt', KHAC: 'Lý do khác' }[code] ?? code }));
const answer = (deviceId: string, seq: number, codes: string[], extra: Partial<WireReasonAnswer> = {}): WireReasonAnswer => reasonAnswer(deviceId, seq, { reasons: reasons(...codes), ...extra });

const ANSWERS: WireReasonAnswer[] = [
  answer(DEVICES.A1, 4, ['CHO-LAU', 'THAI-DO']),
  answer(DEVICES.A1, 5, ['THAI-DO']),
  // The same rating's reason again, in a second answer: counted once.
  answer(DEVICES.A1, 5, ['THAI-DO'], { id: reasonAnswerId(DEVICES.A1, 1005) }),
  answer(DEVICES.A1, 7, ['KHAC']), // on a misuse-flagged rating: left out with it
  answer(DEVICES.A2, 3, ['CHO-LAU']),
];
/** B1 pins reasons on A1's good ratings (their ids): never counted, the answer is not its own device's. */
const FORGED_ANSWER = answer(DEVICES.B1, 1, ['THAI-DO'], { id: reasonAnswerId(DEVICES.B1, 2001), ratingId: wireRating(DEVICES.A1, 1).id });

const DIRECTORIES = {
  A1: {
    officers: [{ id: 'o-1', code: 'CB01', name: 'Nguyễn Thị Hoa', title: 'Chuyên viên', active: true, photo: null }],
    serviceAreas: [{ code: 'HO-TICH', name: 'Hộ tịch', active: true }],
    reasons: [
      { code: 'CHO-LAU', label: 'Thời gian chờ lâu', factor: 'access' },
      { code: 'THAI-DO', label: 'Thái độ cán bộ chưa tốt', factor: 'officer' },
      { code: 'KHAC', label: 'Lý do khác', factor: null },
    ],
  },
  A2: {
    officers: [{ id: 'o-2', code: 'CB02', name: 'Trần Văn Bình', title: 'Cán bộ', active: true, photo: null }],
    serviceAreas: [{ code: 'DAT-DAI', name: 'Đất đai', active: true }],
    reasons: [{ code: 'CHO-LAU', label: 'Thời gian chờ lâu', factor: 'access' }],
  },
  B1: {
    officers: [{ id: 'o-1', code: 'CB07', name: 'Lê Thị Lan', title: 'Phó trưởng bộ phận', active: true, photo: null }],
    serviceAreas: [{ code: 'HO-TICH', name: 'Hộ tịch', active: true }],
    reasons: [{ code: 'THAI-DO', label: 'Thái độ cán bộ chưa tốt', factor: 'officer' }],
  },
};

export const VIEWER = 'phuloc';

/** Units, devices, ratings, reasons, directories and two accounts (admin; a viewer of D1), all through the real paths. */
export async function seedProvince(store: CentralStore, url: string): Promise<void> {
  await store.changeUnits(
    [
      { code: 'D1', name: 'Huyện Phú Lộc', parentCode: null, line: 0, officeCodes: [] },
      { code: 'C1', name: 'Xã Lộc Trì', parentCode: 'D1', line: 0, officeCodes: [OFFICE_A] },
      { code: 'D2', name: 'Huyện Nam Đông', parentCode: null, line: 0, officeCodes: [OFFICE_B] },
    ],
    'add',
  );
  await addTestAccount(store, 'admin', 'province-admin', [], ADMIN_PASSWORD);
  await addTestAccount(store, VIEWER, 'unit-viewer', ['D1'], VIEWER_PASSWORD);
  for (const key of ['A1', 'A2', 'B1'] as const) {
    const deviceId = DEVICES[key];
    const keys = await generateSigningKeyPair();
    const { token } = await store.addDevice({ deviceId, officeCode: key === 'B1' ? OFFICE_B : OFFICE_A, counter: key === 'A2' ? 2 : 1, publicKey: keys.publicKey });
    const ok = (status: number, what: string) => {
      if (status !== 200) throw new Error(`${what} refused: ${status}`);
    };
    const answers = [...ANSWERS.filter((a) => a.deviceId === deviceId), ...(key === 'B1' ? [FORGED_ANSWER] : [])];
    ok((await postBatch({ url }, batchOf(RATINGS[key].map((r) => rating(deviceId, r)), { reasonAnswers: answers }), { token })).status, `${key} ratings`);
    const chainHead = await signChainHead(
      { deviceId, position: RATINGS[key].length, link: 'a'.repeat(64), migratedThrough: null, migratedLink: null, signedAt: '2026-12-01T08:00:00.000+07:00' },
      await importPrivateKey(keys.privateKeyPkcs8),
    );
    const directory = { revision: 1, changedAt: '2026-11-01T08:00:00.000+07:00', officeName: key === 'B1' ? 'UBND huyện Nam Đông – Một cửa' : 'UBND xã Lộc Trì – Một cửa', timeZone: 'Asia/Ho_Chi_Minh', ...DIRECTORIES[key] };
    const batch = { formatVersion: 2, deviceId, batchId: crypto.randomUUID(), seqFrom: null, seqTo: null, sentAt: '2026-12-01T08:00:00.000+07:00', appVersion: '0.3.0', ratings: [], reasonAnswers: [], chainHead, directory };
    ok((await postBatch({ url }, batch as unknown as SyncBatchInput, { token })).status, `${key} directory`);
  }
}
