// The device setting `startAtLogin` applied to the OS (issue 13): Windows and macOS through the
// app's login item, Linux through an XDG autostart entry. Only a packaged app registers itself:
// in development the executable is Electron's own, which must never start at login.
//
// Invariant: this is never the only thing starting the app on a kiosk locked down with Shell
// Launcher, Assigned Access or cage — those start it already, and the setting stays off there
// (docs/deploy.md 2.4, 3.3). Applying is idempotent: the same call twice leaves the same state.
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ShellApp } from './shell-electron';

export const AUTOSTART_FILE = 'hai-long-kiosk.desktop';

export interface StartAtLoginTarget {
  electron: { app: Pick<ShellApp, 'isPackaged' | 'setLoginItemSettings'> };
  platform: NodeJS.Platform;
  enabled: boolean;
  /** The executable to start: the installed app's (an AppImage's own file, not its mount). */
  exePath: string;
  homeDir: string;
}

/** What was done, for the log. */
export type StartAtLoginApplied = 'login-item' | 'autostart-entry' | 'not-packaged' | 'unsupported-platform';

export function applyStartAtLogin({ electron, platform, enabled, exePath, homeDir }: StartAtLoginTarget): StartAtLoginApplied {
  if (!electron.app.isPackaged) return 'not-packaged';
  if (platform === 'win32' || platform === 'darwin') {
    electron.app.setLoginItemSettings({ openAtLogin: enabled });
    return 'login-item';
  }
  if (platform === 'linux') {
    const file = autostartFile(homeDir);
    if (enabled) {
      mkdirSync(join(homeDir, '.config', 'autostart'), { recursive: true });
      writeFileSync(file, autostartEntry(exePath));
      chmodSync(file, 0o644); // the mode of a new file is reduced by the umask; an old one kept its own
    } else {
      rmSync(file, { force: true });
    }
    return 'autostart-entry';
  }
  return 'unsupported-platform';
}

export function autostartFile(homeDir: string): string {
  return join(homeDir, '.config', 'autostart', AUTOSTART_FILE);
}

/** A desktop entry (freedesktop Desktop Entry spec 1.5) that starts `exePath` with no arguments. */
export function autostartEntry(exePath: string): string {
  return ['[Desktop Entry]', 'Type=Application', 'Name=Hài Lòng', `Exec=${desktopExecArgument(exePath)}`, 'Terminal=false', 'X-GNOME-Autostart-enabled=true', ''].join('\n');
}

/**
 * One Exec argument, always quoted: inside quotes `"`, `` ` ``, `$` and `\` are backslash-escaped
 * (the quoting rule), then every backslash is doubled (the string rule, applied first when read);
 * `%` is a field code unless doubled. A line break cannot be written in a desktop entry at all.
 */
export function desktopExecArgument(path: string): string {
  if (/[\r\n]/.test(path)) throw new Error('an executable path with a line break cannot be an Exec line');
  const quoted = `"${path.replace(/["`$\\]/g, (c) => `\\${c}`)}"`;
  return quoted.replace(/\\/g, '\\\\').replace(/%/g, '%%');
}
