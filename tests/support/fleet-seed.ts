// A small fleet for "Tình trạng thiết bị" (issue 17), synced through central's real batch route
// as kiosks send it: signed format 2 batches (chained records, a signed head, the kiosk's health
// record and directory), one with a signed storage incident. Used by tests/central/fleet-routes
// and the e2e tests/e2e/central-fleet.
//
//   Huyện Phú Lộc (D1) → Xã Lộc Trì (C1) → office 000.00.21.H56 → A1 (counter 1, all well), A2 (counter 2, seq 3–4 never arrived)
//   Huyện Nam Đông (D2) → office 000.00.22.H57 → B1 (counter 1, declared seq 4–5 lost), B2 (counter 2, silent, version 0.2.0)
import { randomUUID } from 'node:crypto';
import type { CentralStore } from '../../central/store/central-store';
import { toLocalIso } from '../../shared/local-time';
import { recordLink } from '../../shared/node/record-chain';
import { generateSigningKeyPair, type KeyPairText } from '../../shared/sync-files/signed-file';
import { GENESIS_LINK, signChainHead } from '../../shared/sync/chain';
import type { KioskHealthRecord } from '../../shared/sync/health-record';
import type { Incident } from '../../shared/sync/incident';
import type { SyncBatchInput, WireRating } from '../../shared/sync/wire';
import { ADMIN_PASSWORD, addTestAccount, VIEWER_PASSWORD } from './account-fixture';
import { postBatch, wireRating } from './central-fixture';
import { makeIncident } from './incident-fixture';

export const FLEET_OFFICE_A = '000.00.21.H56';
export const FLEET_OFFICE_B = '000.00.22.H57';
export const FLEET_VIEWER = 'phuloc';
export const NEWEST_VERSION = '0.3.0';
export const OLD_VERSION = '0.2.0';

export interface FleetKiosk {
  name: 'A1' | 'A2' | 'B1' | 'B2';
  deviceId: string;
  token: string;
  keys: KeyPairText;
  officeCode: string;
  counter: number;
}

type Chained = WireRating & { chainPosition: number; chainLink: string };

/** Ratings seq 1..n at chain positions 1..n, linked from genesis, as a kiosk chains them. */
export function chainedHistory(deviceId: string, n: number): Chained[] {
  const out: Chained[] = [];
  for (let seq = 1; seq <= n; seq += 1) {
    const record = wireRating(deviceId, seq);
    out.push({ ...record, chainPosition: seq, chainLink: recordLink(out.at(-1)?.chainLink ?? GENESIS_LINK, seq, 'rating', record) });
  }
  return out;
}

/** The units, two accounts (a province admin; a viewer of D1) and the four kiosks, registered with their public keys. */
export async function registerFleet(store: CentralStore): Promise<Record<FleetKiosk['name'], FleetKiosk>> {
  await store.changeUnits(
    [
      { code: 'D1', name: 'Huyện Phú Lộc', parentCode: null, line: 0, officeCodes: [] },
      { code: 'C1', name: 'Xã Lộc Trì', parentCode: 'D1', line: 0, officeCodes: [FLEET_OFFICE_A] },
      { code: 'D2', name: 'Huyện Nam Đông', parentCode: null, line: 0, officeCodes: [FLEET_OFFICE_B] },
    ],
    'add',
  );
  await addTestAccount(store, 'admin', 'province-admin', [], ADMIN_PASSWORD);
  await addTestAccount(store, FLEET_VIEWER, 'unit-viewer', ['D1'], VIEWER_PASSWORD);
  const kiosk = async (name: FleetKiosk['name'], officeCode: string, counter: number): Promise<FleetKiosk> => {
    const keys = await generateSigningKeyPair();
    const { deviceId, token } = await store.addDevice({ officeCode, counter, publicKey: keys.publicKey });
    return { name, deviceId, token, keys, officeCode, counter };
  };
  return { A1: await kiosk('A1', FLEET_OFFICE_A, 1), A2: await kiosk('A2', FLEET_OFFICE_A, 2), B1: await kiosk('B1', FLEET_OFFICE_B, 1), B2: await kiosk('B2', FLEET_OFFICE_B, 2) };
}

const officeNames: Record<string, string> = { [FLEET_OFFICE_A]: 'UBND xã Lộc Trì – Một cửa', [FLEET_OFFICE_B]: 'UBND huyện Nam Đông – Một cửa' };

interface Sending {
  /** The kiosk's clock when it sends (its health record's time); central's own clock decides the contact. */
  at: Date;
  appVersion?: string;
  pendingRatings?: number;
  incidents?: Incident[];
}

/** POSTs a signed format 2 batch of these records, headed at `headPosition`, with the kiosk's health record and directory. */
export async function sendChained(url: string, kiosk: FleetKiosk, history: readonly Chained[], records: readonly Chained[], sending: Sending): Promise<void> {
  const appVersion = sending.appVersion ?? NEWEST_VERSION;
  const local = toLocalIso(sending.at, 'Asia/Ho_Chi_Minh');
  const top = history.at(-1);
  if (top === undefined) throw new Error('no history');
  const chainHead = await signChainHead(
    { deviceId: kiosk.deviceId, position: top.chainPosition, link: top.chainLink, migratedThrough: null, migratedLink: null, signedAt: local },
    kiosk.keys.privateKeyPkcs8,
  );
  const health: KioskHealthRecord = {
    appVersion,
    recordedAt: local,
    timeZone: 'Asia/Ho_Chi_Minh',
    schemaVersion: 20,
    pending: { ratings: sending.pendingRatings ?? 0, reasonAnswers: 0, oldestCreatedAt: null },
    quarantined: 0,
    lastRating: { seq: top.seq, createdAt: top.createdAt },
    storage: { databaseBytes: 409_600, freeDiskBytes: 20_000_000_000 },
    incidents: { recorded: sending.incidents?.length ?? 0, unacknowledged: sending.incidents?.length ?? 0 },
  };
  const directory = { revision: 1, changedAt: '2026-11-01T08:00:00.000+07:00', officeName: officeNames[kiosk.officeCode], timeZone: 'Asia/Ho_Chi_Minh', officers: [], serviceAreas: [], reasons: [] };
  const seqs = records.map((r) => r.seq);
  const batch = {
    formatVersion: 2,
    deviceId: kiosk.deviceId,
    batchId: randomUUID(),
    seqFrom: seqs.length === 0 ? null : Math.min(...seqs),
    seqTo: seqs.length === 0 ? null : Math.max(...seqs),
    sentAt: local,
    appVersion,
    ratings: [...records],
    reasonAnswers: [],
    chainHead,
    directory,
    health,
    ...(sending.incidents === undefined ? {} : { incidents: sending.incidents }),
  };
  const response = await postBatch({ url }, batch as unknown as SyncBatchInput, { token: kiosk.token });
  if (response.status !== 200) throw new Error(`${kiosk.name}: batch refused ${response.status} ${JSON.stringify(response.body)}`);
}

/** B2, the silent kiosk: three ratings, on the old version. Sent while central's clock stands days back. */
export async function sendSilentKiosk(url: string, kiosks: Record<FleetKiosk['name'], FleetKiosk>, at: Date): Promise<void> {
  const history = chainedHistory(kiosks.B2.deviceId, 3);
  await sendChained(url, kiosks.B2, history, history, { at, appVersion: OLD_VERSION, pendingRatings: 4 });
}

/** A1 all well; A2 with seq 3–4 never sent (a gap); B1 declaring seq 4–5 lost in a signed incident (a declared loss). */
export async function sendCurrentKiosks(url: string, kiosks: Record<FleetKiosk['name'], FleetKiosk>, at: Date): Promise<void> {
  const a1 = chainedHistory(kiosks.A1.deviceId, 3);
  await sendChained(url, kiosks.A1, a1, a1, { at });
  const a2 = chainedHistory(kiosks.A2.deviceId, 6);
  await sendChained(url, kiosks.A2, a2, [...a2.slice(0, 2), ...a2.slice(4)], { at });
  const b1 = chainedHistory(kiosks.B1.deviceId, 8);
  const incident = await makeIncident(kiosks.B1.deviceId, kiosks.B1.keys.privateKeyPkcs8, {
    lostSeqRanges: [{ from: 4, to: 5 }],
    lostChainRanges: [{ from: 4, to: 5 }],
    head: { position: 3, link: b1[2]?.chainLink ?? '' },
  });
  await sendChained(url, kiosks.B1, b1, [...b1.slice(0, 3), ...b1.slice(5)], { at, incidents: [incident] });
}
