// Secrets (the device token; later the device key) never go in the settings table, logs or the
// renderer. The Electron shell seals them with safeStorage (OS keychain / DPAPI). In browser
// mode there is no OS keychain to ask from plain Node, so they are plain files readable only
// by the kiosk's OS user (0600 in a 0700 folder): the same protection as an SSH private key.
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

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
  return {
    read: (name) => (existsSync(path(name)) ? readFileSync(path(name), 'utf8').trim() || undefined : undefined),
    write: (name, value) => {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      chmodSync(dir, 0o700);
      writeFileAtomic(path(name), value);
    },
  };
}
