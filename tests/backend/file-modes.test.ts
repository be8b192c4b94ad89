// Issue 10: the kiosk's data folder is 0700, kiosk.db and its -wal/-shm 0600, secret files 0600,
// logs/ 0700 and its kiosk.<n>.log files 0600 (it names officers and sign-in events), also when an older version left them 0755/0644 (tightened at open). POSIX only: on Windows the
// user's profile folder protects the data and these calls do nothing.
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/backend/database';
import { DATABASE_FILE } from '../../electron/backend/kiosk-backend';
import { createLogger, currentLogFile, logFileReady } from '../../electron/backend/logger';
import { fileSecretStore, secretsDir } from '../../electron/backend/secret-store';
import { tempDataDir } from '../support/backend-fixture';

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe.skipIf(process.platform === 'win32')('kiosk file modes', () => {
  it('creates a private data folder, database and secrets', () => {
    const dataDir = join(tempDataDir(), 'hai-long-kiosk');
    const db = openDatabase(join(dataDir, DATABASE_FILE));
    db.prepare("INSERT INTO settings (key, value) VALUES ('probe', '1')").run();
    fileSecretStore(dataDir).write('device-token', 'token-thiet-bi-0123456789abcdef');
    try {
      expect(modeOf(dataDir)).toBe(0o700);
      for (const suffix of ['', '-wal', '-shm']) expect(modeOf(join(dataDir, `${DATABASE_FILE}${suffix}`))).toBe(0o600);
      expect(modeOf(secretsDir(dataDir))).toBe(0o700);
      expect(modeOf(join(secretsDir(dataDir), 'device-token'))).toBe(0o600);
    } finally {
      db.close();
    }
  });

  it('tightens a folder and files an older version left open', () => {
    const dataDir = tempDataDir();
    openDatabase(join(dataDir, DATABASE_FILE)).close();
    mkdirSync(secretsDir(dataDir));
    writeFileSync(join(secretsDir(dataDir), 'device-token'), 'token-cu');
    writeFileSync(join(dataDir, `${DATABASE_FILE}-wal`), '');
    chmodSync(dataDir, 0o755);
    chmodSync(secretsDir(dataDir), 0o755);
    for (const f of [DATABASE_FILE, `${DATABASE_FILE}-wal`]) chmodSync(join(dataDir, f), 0o644);
    chmodSync(join(secretsDir(dataDir), 'device-token'), 0o644);

    const db = openDatabase(join(dataDir, DATABASE_FILE));
    const secrets = fileSecretStore(dataDir);
    try {
      expect(modeOf(dataDir)).toBe(0o700);
      for (const suffix of ['', '-wal', '-shm']) expect(modeOf(join(dataDir, `${DATABASE_FILE}${suffix}`))).toBe(0o600);
      expect(modeOf(secretsDir(dataDir))).toBe(0o700);
      expect(modeOf(join(secretsDir(dataDir), 'device-token'))).toBe(0o600);
      expect(secrets.read('device-token')).toBe('token-cu');
    } finally {
      db.close();
    }
  });

  it('creates the log private, and tightens a log an older version left open', async () => {
    const dataDir = tempDataDir();
    const first = createLogger(dataDir);
    first.info('đã khởi động');
    await logFileReady(first);
    const logs = join(dataDir, 'logs');
    const file = currentLogFile(dataDir);
    expect(basename(file)).toBe('kiosk.1.log');
    expect(modeOf(logs)).toBe(0o700);
    expect(modeOf(file)).toBe(0o600);

    // The unrotated log of versions before issue 12 is tightened too.
    writeFileSync(join(logs, 'kiosk.log'), '{}\n', { mode: 0o644 });
    chmodSync(logs, 0o755);
    chmodSync(file, 0o644);
    const again = createLogger(dataDir);
    again.info('khởi động lại');
    await logFileReady(again);
    expect(modeOf(logs)).toBe(0o700);
    expect(modeOf(file)).toBe(0o600);
    expect(modeOf(join(logs, 'kiosk.log'))).toBe(0o600);
    expect(currentLogFile(dataDir)).toBe(file);
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(2);
  });
});
