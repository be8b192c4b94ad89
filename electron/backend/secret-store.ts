// Secrets (the device token; later the device key) never go in the settings table, logs or the
// renderer. The Electron shell seals them with safeStorage (OS keychain / DPAPI). In browser
// mode there is no OS keychain to ask from plain Node, so they are plain files readable only
// by the kiosk's OS user (0600 in a 0700 folder): the same protection as an SSH private key.
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePrivateDir, makePrivateIfExists } from '../../shared/node/file-modes';

export type SecretName = 'device-token' | 'device-private-key';

export interface SecretStore {
  read: (name: SecretName) => string | undefined;
  write: (name: SecretName, value: string) => void;
}

export function secretsDir(dataDir: string): string {
  return join(dataDir, 'secrets');
}

/** Write a file so that it is either the old or the new content, never half of either. */
export function writeFileAtomic(path: string, data: string | Buffer, mode = 0o600): void {
  const temp = `${path}.tmp-${process.pid}`;
  writeFileSync(temp, data, { mode, flush: true });
  renameSync(temp, path);
}

export function fileSecretStore(dataDir: string): SecretStore {
  const dir = secretsDir(dataDir);
  const path = (name: SecretName) => join(dir, name);
  // Tighten what an older version left (a 0755 folder, 0644 files); no-op on Windows.
  if (existsSync(dir)) {
    ensurePrivateDir(dir);
    for (const entry of readdirSync(dir)) makePrivateIfExists(join(dir, entry));
  }
  return {
    read: (name) => (existsSync(path(name)) ? readFileSync(path(name), 'utf8').trim() || undefined : undefined),
    write: (name, value) => {
      ensurePrivateDir(dir);
      writeFileAtomic(path(name), value);
    },
  };
}
