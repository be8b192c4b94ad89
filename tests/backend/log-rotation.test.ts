// Logs rotate by size with a bounded number of files (issue 12): the kiosk never fills its own
// disk with logs. Small limits here; the real ones are defaultLogRotation (10 MiB × 5).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import pino from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { currentLogFile, defaultLogRotation, logsDir, rotatingDestination } from '../../electron/backend/logger';
import { tempDataDir } from '../support/backend-fixture';

const posix = process.platform !== 'win32';

describe('log rotation', () => {
  it('rolls to a new file past the size limit and keeps the total bounded', async () => {
    const dataDir = tempDataDir();
    const dir = logsDir(dataDir);
    const rotation = { maxFileBytes: 4096, files: 3 };
    const destination = rotatingDestination(dir, rotation);
    const log = pino({ base: null, timestamp: false }, destination);
    await destination.ready;
    const line = { i: 0, pad: 'x'.repeat(80) };
    const lineBytes = JSON.stringify({ level: 30, ...line, msg: 'line' }).length + 1;
    for (let i = 0; i < 400; i += 1) {
      log.info({ ...line, i }, 'line');
      // pino-roll rolls between writes (on the stream's 'drain'), as on a kiosk where lines come one by one.
      await new Promise((resolve) => setImmediate(resolve));
    }
    // Old files are removed in the background after a roll.
    await vi.waitFor(() => expect(readdirSync(dir).length).toBeLessThanOrEqual(rotation.files));
    const files = readdirSync(dir).map((name) => join(dir, name));
    const total = files.reduce((sum, f) => sum + statSync(f).size, 0);
    expect(total).toBeLessThanOrEqual(rotation.files * (rotation.maxFileBytes + lineBytes));
    expect(400 * lineBytes).toBeGreaterThan(3 * rotation.files * rotation.maxFileBytes); // so rotation really happened
    for (const f of files) {
      expect(statSync(f).size).toBeLessThanOrEqual(rotation.maxFileBytes + lineBytes);
      if (posix) expect(statSync(f).mode & 0o777).toBe(0o600);
    }
    // The newest file holds the last line, and is the one diagnostics reads.
    const current = currentLogFile(dataDir);
    expect(Number(/kiosk\.(\d+)\.log/.exec(basename(current))?.[1])).toBeGreaterThan(10);
    const lastLine = readFileSync(current, 'utf8').trim().split('\n').at(-1) ?? '{}';
    expect(JSON.parse(lastLine)).toMatchObject({ i: 399 });
  });

  it('is 10 MiB per file, 5 files, on kiosks', () => {
    expect(defaultLogRotation).toEqual({ maxFileBytes: 10 * 1024 * 1024, files: 5 });
  });
});
