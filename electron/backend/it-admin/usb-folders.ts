// Where a USB stick may be mounted, per platform, plus KIOSK_USB_DIRS (a path-delimited list:
// for kiosks with a fixed mount point, and for the end-to-end tests). The IT screen also
// accepts a typed path, so a miss here is an inconvenience, not a dead end.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { UsbFolder } from '../../../shared/contract/it-admin';

export interface UsbScanEnvironment {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
}

export function listUsbFolders({ platform, env }: UsbScanEnvironment): UsbFolder[] {
  const configured = (env.KIOSK_USB_DIRS ?? '')
    .split(delimiter)
    .map((p) => p.trim())
    .filter((p) => p !== '' && isDirectory(p))
    .map((path): UsbFolder => ({ path, source: 'configured' }));
  const removable = removableCandidates(platform)
    .filter(isDirectory)
    .map((path): UsbFolder => ({ path, source: 'removable' }));
  const seen = new Set<string>();
  return [...configured, ...removable].filter((f) => (seen.has(f.path) ? false : (seen.add(f.path), true)));
}

function removableCandidates(platform: NodeJS.Platform): string[] {
  if (platform === 'win32') {
    // C: is the system disk; sticks get D: … Z:. existsSync on an empty card reader is false.
    return 'DEFGHIJKLMNOPQRSTUVWXYZ'.split('').map((letter) => `${letter}:\\`);
  }
  if (platform === 'darwin') return children('/Volumes').filter((p) => p !== '/Volumes/Macintosh HD');
  // Linux: udisks mounts under /media/<user>/<label> or /run/media/<user>/<label>; some set-ups use /mnt/<label>.
  return [...children('/media').flatMap(children), ...children('/run/media').flatMap(children), ...children('/mnt')];
}

function children(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
      .map((entry) => join(dir, entry.name));
  } catch {
    return [];
  }
}

function isDirectory(path: string): boolean {
  try {
    return existsSync(path) && statSync(path).isDirectory();
  } catch {
    return false;
  }
}
