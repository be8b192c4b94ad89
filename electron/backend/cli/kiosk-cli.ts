// `npm run kiosk -- <command>`: IT staff's command line for a kiosk's data folder.
//   configure-sync --endpoint URL (--token TOKEN | --token-file FILE) [--data-dir DIR]
//   configure-sync --no-network [--data-dir DIR]     (an office without network: sync files only)
//   sync-status [--data-dir DIR]
// Works while the kiosk runs: the sync engine reads its settings before every attempt.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { openDatabase } from '../database';
import { osUserDataDir, resolveDataDir } from '../data-dir';
import { DATABASE_FILE, openKioskBackend } from '../kiosk-backend';
import { silentLogger } from '../logger';
import { fileSecretStore } from '../secret-store';
import { saveSyncSettings } from '../settings-repo';

export interface CliIo {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  env: NodeJS.ProcessEnv;
}

const tokenSchema = z.string().trim().min(16, 'Token thiết bị quá ngắn').max(200).regex(/^[\w-]+$/, 'Token thiết bị chỉ gồm chữ, số, - và _');

export async function runKioskCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    const { values } = parseArgs({
      args: rest,
      options: {
        'data-dir': { type: 'string' },
        endpoint: { type: 'string' },
        token: { type: 'string' },
        'token-file': { type: 'string' },
        'no-network': { type: 'boolean' },
      },
      strict: true,
    });
    const dataDir = resolveDataDir({ flag: values['data-dir'], env: io.env, userDataDir: osUserDataDir(io.env) });
    if (command === 'configure-sync') {
      const db = openDatabase(join(dataDir, DATABASE_FILE));
      try {
        if (values['no-network'] === true) {
          saveSyncSettings(db, { endpoint: null });
          io.stdout('Đã đặt: văn phòng không có mạng (chỉ dùng tệp đồng bộ).');
          return 0;
        }
        const rawToken = values.token ?? (values['token-file'] === undefined ? undefined : readFileSync(values['token-file'], 'utf8'));
        if (values.endpoint === undefined || rawToken === undefined) {
          io.stderr('Cần --endpoint và --token (hoặc --token-file), hoặc --no-network.');
          return 2;
        }
        const token = tokenSchema.parse(rawToken);
        const { endpoint } = saveSyncSettings(db, { endpoint: values.endpoint });
        fileSecretStore(dataDir).write('device-token', token);
        io.stdout(`Đã lưu máy chủ trung tâm ${endpoint} và token thiết bị.`);
        return 0;
      } finally {
        db.close();
      }
    }
    if (command === 'sync-status') {
      const backend = openKioskBackend({ dataDir, appVersion: KIOSK_APP_VERSION, log: silentLogger(), autoSync: false });
      try {
        io.stdout(JSON.stringify({ deviceId: backend.context.deviceId, ...backend.sync.status() }, null, 2));
        return 0;
      } finally {
        backend.close();
      }
    }
    io.stderr('Lệnh: configure-sync | sync-status  (xem docs/sync-protocol.md)');
    return 2;
  } catch (error) {
    io.stderr(error instanceof z.ZodError ? z.prettifyError(error) : error instanceof Error ? error.message : String(error));
    return 2;
  }
}
