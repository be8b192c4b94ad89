// Real SQLite files in a fresh temporary folder per test; clock and ids pinned by the test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach } from 'vitest';
import { openKioskBackend, type BackendOptions, type KioskBackend } from '../../electron/backend/kiosk-backend';
import type { Logger } from '../../electron/backend/logger';
import type { PinHashCost } from '../../electron/backend/staff/pin-hashing';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  // In order, each finished before the next: a backend's close (its shutdown snapshot) before its folder goes.
  while (cleanups.length > 0) await cleanups.pop()?.();
});

export function tempDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hai-long-test-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A logger whose JSON lines the test can read back. */
export function capturingLogger(): { log: Logger; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const log = pino({ level: 'debug' }, stream);
  return {
    log,
    lines: () => chunks.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

/** A clock the test moves by hand. */
export function manualClock(startIso: string): { now: () => Date; set: (iso: string) => void; advance: (ms: number) => void } {
  let t = Date.parse(startIso);
  return { now: () => new Date(t), set: (iso) => (t = Date.parse(iso)), advance: (ms) => (t += ms) };
}

/** Deterministic UUIDv7-shaped ids: …-7000-8000-00000000000N. */
export function sequentialIds(): () => string {
  let n = 0;
  return () => `01900000-0000-7000-8000-${(++n).toString().padStart(12, '0')}`;
}

/**
 * scrypt at 1/32 of the real work (N=2^10: ~1 ms, 1 MiB) for tests of what the staff area does
 * with PINs. Every hash carries its own parameters, so nothing else changes; the real strength
 * (PIN_HASH_COST) is proven once, in tests/backend/pin-hashing.test.ts.
 */
export const TEST_PIN_HASH_COST: PinHashCost = { N: 2 ** 10, r: 8, p: 1 };

export function openTestBackend(options: Partial<BackendOptions> & { dataDir: string }): KioskBackend {
  const backend = openKioskBackend({ appVersion: '9.9.9-test', log: capturingLogger().log, pinHashCost: TEST_PIN_HASH_COST, ...options });
  cleanups.push(() => backend.close());
  return backend;
}
