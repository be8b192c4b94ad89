// Status and diagnostics, and acceptance 4 of issue 5: the device token, the device private
// key and the PINs appear in no sync file, enrollment file, diagnostics bundle, log file or
// IT screen reply.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger, currentLogFile, logFileReady } from '../../electron/backend/logger';
import { fileSecretStore } from '../../electron/backend/secret-store';
import { insertIncident } from '../../electron/backend/storage/incidents-repo';
import { generateSigningKeyPair } from '../../shared/sync-files/signed-file';
import { makeIncident } from '../support/incident-fixture';
import { manualClock, openTestBackend, tempDataDir } from '../support/backend-fixture';
import { itAdminSession, TEST_TOKEN, validSettings } from '../support/it-admin-fixture';
import { addOfficer, call, IT_ADMIN, must, SECTION_HEAD, sectionHeadSession, seedRatings } from '../support/staff-fixture';

const now = manualClock('2026-11-25T03:00:00.000Z').now;

describe('diagnostics', () => {
  it('reports counts, sync files, storage, identity and recent warnings', async () => {
    const dataDir = tempDataDir();
    const backend = openTestBackend({ dataDir, autoSync: false, now, log: createLogger(dataDir) });
    seedRatings(backend, [
      { at: '2026-11-24T09:00:00.000+07:00', level: 1 },
      { at: '2026-11-25T09:00:00.000+07:00', level: 3 },
    ]);
    expect(await call(backend, 'staffSignIn', { subject: SECTION_HEAD, pin: '000000' })).toMatchObject({ ok: false, error: { code: 'PIN_WRONG' } });
    itAdminSession(backend);
    await must(backend, 'exportSyncFile', { folder: tempDataDir() });
    const d = (await must(backend, 'getDiagnostics', {})) as Record<string, unknown>;
    expect(d).toMatchObject({
      appVersion: '9.9.9-test',
      deviceId: backend.context.deviceId,
      needsSetup: true,
      endpoint: null,
      tokenSet: false,
      clock: '2026-11-25T10:00:00.000+07:00',
      ratingsCount: 2,
      pendingCount: 2,
      oldestPendingAt: '2026-11-24T09:00:00.000+07:00',
      quarantinedCount: 0,
      syncState: 'not-configured',
      lastExportAt: '2026-11-25T03:00:00.000Z',
      lastFileNumber: 1,
      lastAckAt: null,
      dataDir,
    });
    expect(d.databaseBytes).toBeGreaterThan(4096);
    expect(d.freeDiskBytes).toBeGreaterThan(0);
    // Issue 12: the space of logs, snapshots and quarantine, and the newest snapshot's time.
    expect(d).toMatchObject({ snapshotsBytes: 0, quarantineBytes: 0, newestSnapshotAt: null });
    expect(d.logsBytes).toBeGreaterThan(0);
    const snapshot = await backend.snapshots.tick();
    const after = (await must(backend, 'getDiagnostics', {})) as Record<string, unknown>;
    expect(after).toMatchObject({ snapshotsBytes: snapshot?.bytes, newestSnapshotAt: '2026-11-25T03:00:00.000Z' });
    expect(d.recentErrors).toContainEqual(expect.objectContaining({ level: 'warn', message: 'staff PIN checked' }));
    expect(await must(backend, 'runIntegrityCheck', {})).toEqual({ ok: true, result: ['ok'] });

    // Issue 12: a storage incident (a rebuild) is listed, with what was declared lost.
    expect(after.storageIncidents).toEqual([]);
    const { privateKeyPkcs8 } = await generateSigningKeyPair();
    const incident = await makeIncident(backend.context.deviceId, privateKeyPkcs8, { lostSeqRanges: [{ from: 3, to: 3 }], detail: 'Dựng lại từ bản sao lưu.' });
    insertIncident(backend.context.db, incident);
    expect(((await must(backend, 'getDiagnostics', {})) as Record<string, unknown>).storageIncidents).toEqual([
      { id: incident.id, kind: 'database-rebuilt', detectedAt: incident.detectedAt, detail: 'Dựng lại từ bản sao lưu.', lostSeqRanges: [{ from: 3, to: 3 }], lostChainRanges: [], sentAt: null },
    ]);
  });

  it('exports one JSON bundle with counts but no rating rows, officers or hashes', async () => {
    const dataDir = tempDataDir();
    const backend = openTestBackend({ dataDir, autoSync: false, now, log: createLogger(dataDir) });
    const officer = await addOfficer(backend, 'Nguyễn Thị Lan', 'CB01');
    sectionHeadSession(backend);
    await must(backend, 'saveOfficer', {
      officer: { id: officer.id, code: 'CB01', name: 'Nguyễn Thị Lan', title: 'Công chức', photoDataUrl: 'data:image/png;base64,iVBORw0KGgo=', active: true },
      initialPin: null,
    });
    seedRatings(backend, [
      { at: '2026-11-25T09:00:00.000+07:00', level: 1, officerId: officer.id, dossierCode: 'HS-000123' },
      { at: '2026-11-25T09:05:00.000+07:00', level: 2, flags: ['rapid-repeat'] },
    ]);
    itAdminSession(backend);
    const usb = tempDataDir();
    const done = (await must(backend, 'exportDiagnosticsBundle', { folder: usb })) as { fileName: string; path: string };
    expect(done.fileName).toMatch(new RegExp(`^hai-long-diagnostics-${backend.context.deviceId.slice(0, 8)}-20261125-100000\\.json$`));
    expect(readdirSync(usb)).toEqual([done.fileName]);
    const text = readFileSync(done.path, 'utf8');
    const bundle = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(bundle)).toEqual(['kind', 'formatVersion', 'createdAt', 'diagnostics', 'integrityCheck', 'settings', 'ratingCounts', 'auditLog', 'logTail']);
    expect(bundle.ratingCounts).toEqual([
      { scale: 'vn-3', level: 1, count: 1, flagged: 0 },
      { scale: 'vn-3', level: 2, count: 1, flagged: 1 },
    ]);
    expect((bundle.logTail as unknown[]).length).toBeGreaterThan(3);
    const ratingIds = (backend.context.db.prepare('SELECT id FROM ratings').all() as { id: string }[]).map((r) => r.id);
    for (const forbidden of [...ratingIds, 'HS-000123', 'Nguyễn Thị Lan', 'scrypt$', 'iVBORw0KGgo']) expect(text).not.toContain(forbidden);
  });
});

describe('secrets never leave the kiosk (issue 5, acceptance 4)', () => {
  it('finds no token, private key or PIN in sync, enrollment and diagnostics files, the log file or the IT replies', async () => {
    const dataDir = tempDataDir();
    const log = createLogger(dataDir);
    const backend = openTestBackend({ dataDir, autoSync: false, now, log });
    await logFileReady(log);
    const pins = { it: '73916482', head: '58204719', officer: '64028351' };

    // PINs: the real sign-in and change flow, so whatever it logs is in the log file.
    await must(backend, 'staffSignIn', { subject: SECTION_HEAD, pin: '123456' });
    await must(backend, 'changePin', { currentPin: '123456', newPin: pins.head });
    const officer = (await must(backend, 'saveOfficer', {
      officer: { id: null, code: 'CB07', name: 'Trần Văn Hùng', title: 'Công chức', photoDataUrl: null, active: true },
      initialPin: '24681357',
    })) as { id: string };
    await must(backend, 'staffSignIn', { subject: { kind: 'officer', officerId: officer.id }, pin: '24681357' });
    await must(backend, 'changePin', { currentPin: '24681357', newPin: pins.officer });
    await call(backend, 'staffSignIn', { subject: IT_ADMIN, pin: pins.head }); // a wrong PIN, logged as an outcome only
    await must(backend, 'staffSignIn', { subject: IT_ADMIN, pin: '123456' });
    await must(backend, 'changePin', { currentPin: '123456', newPin: pins.it });

    // The token through the setup screen; the device key by the first export.
    await must(backend, 'saveDeviceSettings', validSettings({ endpoint: null }));
    seedRatings(backend, Array.from({ length: 50 }, (_, i) => ({ at: `2026-11-25T09:${String(i).padStart(2, '0')}:00.000+07:00`, level: 1 + (i % 3) })));
    const usb = tempDataDir();
    const replies = [
      await must(backend, 'exportSyncFile', { folder: usb }),
      await must(backend, 'exportEnrollmentFile', { folder: usb }),
      await must(backend, 'exportDiagnosticsBundle', { folder: usb }),
      await must(backend, 'getDiagnostics', {}),
      await must(backend, 'getDeviceSettings', {}),
      await must(backend, 'listSettingsAudit', { limit: 500 }),
    ];

    const secrets = fileSecretStore(dataDir);
    expect(secrets.read('device-token')).toBe(TEST_TOKEN);
    const privateKey = secrets.read('device-private-key') ?? '';
    expect(privateKey.length).toBeGreaterThan(40);
    const rawPrivate = Buffer.from(privateKey, 'base64').subarray(-32);
    const needles: [string, Buffer][] = [
      ['token', Buffer.from(TEST_TOKEN)],
      ['private key (PKCS8 base64)', Buffer.from(privateKey)],
      ['private key (raw)', rawPrivate],
      ['private key (raw, base64)', Buffer.from(rawPrivate.toString('base64'))],
      ['private key (raw, hex)', Buffer.from(rawPrivate.toString('hex'))],
      ...Object.entries(pins).map(([who, pin]): [string, Buffer] => [`PIN of ${who}`, Buffer.from(pin)]),
      ['PIN hash', Buffer.from('scrypt$')],
    ];

    const files = readdirSync(usb).map((name) => join(usb, name));
    expect(files.map((f) => f.split('.').at(-1)).sort()).toEqual(['hlenroll', 'hlsync', 'json']);
    const haystacks: [string, Buffer][] = [
      ...files.map((f): [string, Buffer] => [f, readFileSync(f)]),
      ['logs/kiosk.log', readFileSync(currentLogFile(dataDir))],
      ['IT replies', Buffer.from(JSON.stringify(replies))],
    ];
    expect(haystacks.find(([name]) => name === 'logs/kiosk.log')?.[1].length).toBeGreaterThan(1000);
    for (const [where, bytes] of haystacks) {
      for (const [what, needle] of needles) expect(bytes.includes(needle), `${what} in ${where}`).toBe(false);
    }
  });
});
