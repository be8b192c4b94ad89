// Where kiosk.db and logs live: --data-dir DIR, else KIOSK_DATA_DIR, else the OS user-data folder.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

export const APP_FOLDER = 'hai-long-kiosk';

const dirSchema = z.string().trim().min(1, 'Thư mục dữ liệu không được để trống');

export function resolveDataDir(options: { flag?: string | undefined; env: NodeJS.ProcessEnv; userDataDir: string }): string {
  if (options.flag !== undefined) return dirSchema.parse(options.flag);
  const fromEnv = options.env.KIOSK_DATA_DIR;
  if (fromEnv !== undefined && fromEnv !== '') return dirSchema.parse(fromEnv);
  return options.userDataDir;
}

/**
 * Browser mode has no Electron `app.getPath('userData')`; this is its equivalent per OS, so
 * both modes share one folder on one machine.
 */
export function osUserDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_FOLDER);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_FOLDER);
}
