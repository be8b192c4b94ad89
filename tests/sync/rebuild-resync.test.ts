// Issue 12, end to end with a real central on 127.0.0.1: a kiosk whose database was rebuilt
// (first page zeroed) resends what its snapshot still had queued and what the rebuild replayed;
// central answers those `duplicate`, counts every rating once, keeps the chain without a gap or
// break, and stores the signed incident the next batch carries.
import { writeSync, openSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, expect, it } from 'vitest';
import { fileSecretStore } from '../../electron/backend/secret-store';
import { openStorage } from '../../electron/backend/storage/open-storage';
import { enrolledKiosk, picture, startCentral, type Central, type Kiosk } from '../support/sync-rig';

const opened: (Central | Kiosk)[] = [];
afterEach(async () => {
  for (const thing of opened.splice(0).reverse()) await thing.close();
});

async function rate(k: Kiosk, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const level = i % 3 === 2 ? 3 : 1;
    const reply = await k.backend.handlers.submitRating({ scale: 'vn-3', level });
    if (level === 3) await k.backend.handlers.submitReasons({ ratingId: reply.id, reasonCodes: ['CHO-LAU'] });
  }
}

async function drain(k: Kiosk): Promise<void> {
  const pending = () => k.backend.context.db.prepare('SELECT (SELECT count(*) FROM sync_outbox) + (SELECT count(*) FROM reason_outbox)').pluck().get();
  for (let round = 0; round < 20 && pending() !== 0; round++) await k.backend.sync.trigger('manual');
}

it('after a rebuild, central counts every rating once, the chain has no gap or break, and the incident arrives', async () => {
  const central = await startCentral();
  opened.push(central);
  const k = await enrolledKiosk(central, { direct: true });
  opened.push(k);
  await rate(k, 6);
  await k.backend.snapshots.request(); // its outbox still holds all six
  await drain(k); // synced after the snapshot: the rebuilt outbox will offer them again
  await rate(k, 7); // only in the database and the journal, never synced
  const kioskIds = (await picture(k, central)).kioskIds;

  // Stopped without the shutdown snapshot, then the first page zeroed.
  k.backend.snapshots.stop();
  k.backend.context.db.close();
  const fd = openSync(join(k.dataDir, 'kiosk.db'), 'r+');
  writeSync(fd, Buffer.alloc(100), 0, 100, 0);
  closeSync(fd);

  const opening = await openStorage({ dataDir: k.dataDir, now: () => new Date(), secrets: fileSecretStore(k.dataDir), log: pino({ level: 'silent' }) });
  if (opening.kind !== 'open' || opening.recovered === null) throw new Error('not rebuilt');
  expect(opening.recovered.lostChainRanges).toEqual([]);
  opening.db.close();
  await k.restart();
  await drain(k);

  const after = await picture(k, central);
  expect(after.kioskIds).toEqual(kioskIds);
  expect(after.pending).toBe(0);
  expect([...after.centralIds].sort()).toEqual([...kioskIds].sort()); // each once
  expect(after.contentMismatches).toEqual([]);
  const summary = (await central.store.deviceSummaries()).find((d) => d.deviceId === k.deviceId);
  const chainLength = k.backend.context.db.prepare('SELECT count(*) FROM record_chain').pluck().get() as number;
  expect(summary?.chain).toMatchObject({ headPosition: chainLength, verifiedThrough: chainLength, gaps: [], breaks: [] });
  expect((await central.store.deviceIncidents(k.deviceId)).map((i) => [i.incident.id, i.verified])).toEqual([[opening.recovered.incidentId, true]]);
});
