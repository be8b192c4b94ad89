// A seeded, random province's deliveries for the tallies tests (issue 17): several devices in
// different time zones, ratings across local midnights with officers, service areas, flags and
// two scales; reason answers (some sent before their rating, some repeating a reason with another
// label, some forged onto another device's rating); resends, late sync files, id and seq
// conflicts. The same seed gives the same deliveries, so a failure replays.
import type { CentralStore, IngestTimes } from '../../central/store/central-store';
import { toLocalDay, toLocalIso } from '../../shared/local-time';
import type { SyncBatchV1, WireRating, WireReasonAnswer } from '../../shared/sync/wire';
import { batchOf, ratingId, reasonAnswerId } from './central-fixture';
import { seededRandom } from './seeded-random';

export const INGEST_DEVICES = [
  { deviceId: '11111111-1111-4111-8111-111111111111', zone: 'Asia/Ho_Chi_Minh' },
  { deviceId: '22222222-2222-4222-8222-222222222222', zone: 'Asia/Ho_Chi_Minh' },
  { deviceId: '33333333-3333-4333-8333-333333333333', zone: 'Asia/Tokyo' },
  { deviceId: '44444444-4444-4444-8444-444444444444', zone: 'UTC' },
] as const;

const FLAGS = ['cooldown', 'burst', 'suspected_misuse', 'outside_hours', 'clock_went_backwards'] as const;
const OFFICERS = [null, 'o-1', 'o-2', 'o-3'] as const;
const SERVICE_AREAS = [null, 'HO-TICH', 'DAT-DAI'] as const;
const REASONS = [
  { code: 'CHO-LAU', labels: ['Thời gian chờ lâu', 'Chờ lâu'] },
  { code: 'THAI-DO', labels: ['Thái độ cán bộ chưa tốt'] },
  { code: 'HUONG-DAN', labels: ['Hướng dẫn chưa rõ ràng', 'Hướng dẫn chưa rõ'] },
  { code: 'PHIEN-HA', labels: ['Gây phiền hà, sách nhiễu'] },
] as const;
/** Ratings start here and run over about four days, so ranges cut through them. */
const START = Date.parse('2026-11-20T15:30:00.000Z');

export interface Delivery {
  batch: SyncBatchV1;
  via: 'http' | 'sync-file';
}

export async function addIngestDevices(store: CentralStore): Promise<void> {
  for (const [i, d] of INGEST_DEVICES.entries()) await store.addDevice({ deviceId: d.deviceId, officeCode: `000.00.2${i}.H56`, counter: 1 });
}

/** The deliveries, in the order central receives them. */
export function randomDeliveries(seed: number, ratingsPerDevice: number): Delivery[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const chance = (p: number) => random() < p;
  const batches: SyncBatchV1[] = [];
  const all: WireRating[] = [];
  for (const { deviceId, zone } of INGEST_DEVICES) {
    const ratings: WireRating[] = [];
    let at = START + Math.floor(random() * 3_600_000);
    for (let seq = 1; seq <= ratingsPerDevice; seq++) {
      at += Math.floor(random() * 3 * 3_600_000);
      const scale = chance(0.7) ? 'vn-3' : 'vn-5';
      const when = new Date(at);
      ratings.push({
        id: ratingId(deviceId, seq), deviceId, seq,
        createdAt: toLocalIso(when, zone), localDay: toLocalDay(when, zone),
        scale, level: 1 + Math.floor(random() * (scale === 'vn-3' ? 3 : 5)),
        officerId: pick(OFFICERS), serviceCode: pick(SERVICE_AREAS), dossierCode: null, reasons: [],
        flags: FLAGS.filter(() => chance(0.12)),
        appVersion: '0.1.0', bootId: '9b2f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
      });
    }
    all.push(...ratings);
    const answers: WireReasonAnswer[] = [];
    for (const r of ratings.filter(() => chance(0.35))) {
      const chosen = REASONS.filter(() => chance(0.5));
      const choose = () => (chosen.length > 0 ? chosen : [REASONS[0]]).map((c) => ({ code: c.code, label: pick(c.labels) }));
      const answer = { id: reasonAnswerId(deviceId, r.seq), deviceId, ratingId: r.id, createdAt: r.createdAt, reasons: choose() };
      answers.push(answer);
      // A second answer to the same rating, repeating its reasons (perhaps with their other label): each counts once.
      if (chance(0.2)) answers.push({ ...answer, id: reasonAnswerId(deviceId, 100_000 + r.seq), reasons: choose() });
    }
    // Ratings in chunks of 1–12; each chunk's answers ride with it, or alone before it (answer before rating), or later.
    for (let i = 0; i < ratings.length; ) {
      const chunk = ratings.slice(i, i + 1 + Math.floor(random() * 12));
      i += chunk.length;
      const ids = new Set(chunk.map((r) => r.id));
      const theirs = answers.filter((a) => ids.has(a.ratingId));
      const where = random();
      if (theirs.length > 0 && where < 0.2) batches.push(batchOf([], { reasonAnswers: theirs }));
      batches.push(batchOf(chunk, { reasonAnswers: theirs.length > 0 && where >= 0.2 && where < 0.8 ? theirs : [] }));
      if (theirs.length > 0 && where >= 0.8) batches.push(batchOf([], { reasonAnswers: theirs }));
    }
  }
  // Forged: an answer from one device naming another device's rating never counts.
  for (const { deviceId } of INGEST_DEVICES) {
    const victim = pick(all.filter((r) => r.deviceId !== deviceId));
    batches.push(batchOf([], { reasonAnswers: [{ id: reasonAnswerId(deviceId, 900_000 + victim.seq), deviceId, ratingId: victim.id, createdAt: victim.createdAt, reasons: [{ code: 'PHIEN-HA', label: 'Bịa đặt' }] }] }));
  }
  // Conflicts: a stored id with other content, a stored seq with another id; neither may count.
  const target = pick(all);
  batches.push(batchOf([{ ...target, level: target.level === 1 ? 2 : 1 }]));
  batches.push(batchOf([{ ...target, id: ratingId(target.deviceId, 777_777) }]));
  // Shuffle (devices interleave, late batches arrive late), then resend some: a retry or the same records on a USB stick.
  for (let i = batches.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const [x, y] = [batches[i], batches[j]];
    if (x !== undefined && y !== undefined) [batches[i], batches[j]] = [y, x];
  }
  const deliveries: Delivery[] = [];
  for (const batch of batches) {
    deliveries.push({ batch, via: chance(0.25) ? 'sync-file' : 'http' });
    if (chance(0.25)) deliveries.push({ batch: chance(0.5) ? batch : { ...batch, batchId: batchOf(batch.ratings, { reasonAnswers: batch.reasonAnswers }).batchId }, via: chance(0.5) ? 'sync-file' : 'http' });
  }
  return deliveries;
}

const RECEIVED_AT = new Date('2026-11-25T03:00:00.000Z');

export function ingestTimes(via: 'http' | 'sync-file'): IngestTimes {
  return { receivedAt: RECEIVED_AT, now: RECEIVED_AT, via };
}

/** Delivers one after another; returns how many ratings central accepted. */
export async function deliver(store: CentralStore, deliveries: readonly Delivery[]): Promise<number> {
  let accepted = 0;
  for (const { batch, via } of deliveries) {
    const ack = await store.ingestBatch(batch, ingestTimes(via));
    accepted += ack.accepted.filter((id) => batch.ratings.some((r) => r.id === id)).length;
  }
  return accepted;
}
