// The IT integrity check on a damaged database (issue 12): damage is reported as damage
// ({ ok: false, result }), never as an internal error.
import { closeSync, openSync, readSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../electron/backend/kiosk-backend';
import { manualClock, openTestBackend, tempDataDir } from '../support/backend-fixture';
import { itAdminSession } from '../support/it-admin-fixture';
import { must, seedRatings } from '../support/staff-fixture';

const now = manualClock('2026-11-25T03:00:00.000Z').now;
const PAGE = 4096;

/** 50 bytes flipped at the start of a page in the middle of the file (its b-tree page header). */
function flipMiddlePage(file: string): void {
  const at = Math.floor(statSync(file).size / PAGE / 2) * PAGE;
  const fd = openSync(file, 'r+');
  try {
    const bytes = Buffer.alloc(50);
    readSync(fd, bytes, 0, 50, at);
    writeSync(fd, Buffer.from(bytes.map((b) => b ^ 0xff)), 0, 50, at);
  } finally {
    closeSync(fd);
  }
}

describe('runIntegrityCheck', () => {
  it('answers { ok: false, result } for a database damaged while the kiosk was stopped', async () => {
    const dataDir = tempDataDir();
    const first = openTestBackend({ dataDir, autoSync: false, now });
    seedRatings(first, Array.from({ length: 1500 }, (_, i) => ({ at: `2026-11-25T09:${String(i % 60).padStart(2, '0')}:00.000+07:00`, level: 1 + (i % 3) })));
    await first.close();
    flipMiddlePage(join(dataDir, DATABASE_FILE));

    const backend = openTestBackend({ dataDir, autoSync: false, now });
    itAdminSession(backend);
    const reply = (await must(backend, 'runIntegrityCheck', {})) as { ok: boolean; result: string[] };
    expect(reply.ok).toBe(false);
    expect(reply.result.length).toBeGreaterThan(0);
    expect(reply.result).not.toEqual(['ok']);
  });
});
