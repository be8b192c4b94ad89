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

/** Electron's sealed copy of a secret (electron/shell/sealed-secret-store.ts). */
export function sealedSecretPath(dataDir: string, name: SecretName): string {
  return join(secretsDir(dataDir), `${name}.sealed`);
}

/**
 * A secret exists, sealed by the Electron app (safeStorage), but this process cannot unseal it.
 * Answering "absent" instead would make the kiosk CLI create a new device key, and central would
 * then refuse every file the kiosk signs.
 */
export class SealedSecretError extends Error {
  readonly code = 'SECRET_SEALED';
  constructor(readonly secret: SecretName) {
    super(
      `Khóa bí mật "${secret}" của máy này do ứng dụng Hài Lòng niêm phong (safeStorage của hệ điều hành): ` +
        'dòng lệnh không mở được, và sẽ không tạo khóa mới (máy chủ trung tâm sẽ từ chối mọi tệp ký bằng khóa mới). ' +
        'Hãy làm việc này trong ứng dụng: Quản trị CNTT → "Tệp đồng bộ (USB)". Không có gì được ghi.',
    );
    this.name = 'SealedSecretError';
  }
}

export interface FileSecretStoreOptions {
  /**
   * Secrets this process must not report absent when only their sealed copy exists: reading one
   * throws SealedSecretError. The kiosk CLI passes the device key. (The Electron store wraps a
   * plain store without this option: it unseals the copy itself.)
   */
  refuseSealed?: readonly SecretName[];
}

export function fileSecretStore(dataDir: string, options: FileSecretStoreOptions = {}): SecretStore {
  const dir = secretsDir(dataDir);
  const path = (name: SecretName) => join(dir, name);
  const refuseSealed = new Set(options.refuseSealed ?? []);
  // Tighten what an older version left (a 0755 folder, 0644 files); no-op on Windows.
  if (existsSync(dir)) {
    ensurePrivateDir(dir);
    for (const entry of readdirSync(dir)) makePrivateIfExists(join(dir, entry));
  }
  return {
    read: (name) => {
      const value = existsSync(path(name)) ? readFileSync(path(name), 'utf8').trim() || undefined : undefined;
      if (value === undefined && refuseSealed.has(name) && existsSync(sealedSecretPath(dataDir, name))) throw new SealedSecretError(name);
      return value;
    },
    write: (name, value) => {
      ensurePrivateDir(dir);
      writeFileAtomic(path(name), value);
    },
  };
}
