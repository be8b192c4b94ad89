// `npm run central -- verify [--device ID]`: recomputes each device's record chain from what
// central stored (every link, every head), records any break not recorded yet, and prints one
// line per device and one per break, for people and for scripts:
//   DEVICE=<id> HEAD=<n> VERIFIED_THROUGH=<n> BREAKS=<k>      (HEAD=0: no chain received yet)
//   BREAK DEVICE=<id> POSITION=<n> KIND=<kind>
//   DECLARED_LOST DEVICE=<id> POSITIONS=<from>-<to>            (a verified storage incident's loss)
// Exit 1 when any device's chain has a break, else 0: a declared loss is not a break.
import { chainReport, verifyWholeChain, type StoredChainBreak } from './chain-verification';
import { declaredLosses } from './incidents';
import type { CentralStore } from './store/central-store';
import type { TextSink } from './cli';

export interface VerifyIo {
  stdout: TextSink;
  stderr: TextSink;
  now: () => Date;
}

/** 0: no break anywhere; 1: some break (or no such device). */
export async function verifyChains(deviceId: string | undefined, store: CentralStore, io: VerifyIo): Promise<number> {
  const devices = (await store.listDevices()).filter((d) => deviceId === undefined || d.deviceId === deviceId);
  if (deviceId !== undefined && devices.length === 0) {
    io.stderr.write(`Không có thiết bị ${deviceId}. Xem danh sách bằng "device list".\n`);
    return 1;
  }
  let broken = false;
  for (const device of devices) {
    const stored = await store.deviceChain(device.deviceId);
    const { breaks, facts } = verifyWholeChain(stored.records, stored.heads);
    const detectedAt = io.now();
    await store.recordChainBreaks(device.deviceId, breaks, detectedAt);
    const known = new Set(stored.breaks.map((b) => `${b.position}:${b.kind}`));
    const all: StoredChainBreak[] = [...stored.breaks, ...breaks.filter((b) => !known.has(`${b.position}:${b.kind}`)).map((b) => ({ ...b, detectedAt: detectedAt.toISOString() }))];
    const report = chainReport({ ...facts, breaks: all });
    io.stdout.write(`DEVICE=${device.deviceId} HEAD=${report.headPosition ?? 0} VERIFIED_THROUGH=${report.verifiedThrough} BREAKS=${report.breaks.length}\n`);
    for (const b of report.breaks) io.stdout.write(`BREAK DEVICE=${device.deviceId} POSITION=${b.position} KIND=${b.kind}\n`);
    // Only positions central does not hold: a held position is verified above, whatever an incident says.
    const { declaredLost } = declaredLosses(await store.deviceIncidents(device.deviceId), { gaps: [], maxSeq: 0 }, report);
    for (const r of declaredLost.chain) io.stdout.write(`DECLARED_LOST DEVICE=${device.deviceId} POSITIONS=${r.from}-${r.to}\n`);
    if (report.breaks.length > 0) broken = true;
  }
  return broken ? 1 : 0;
}
