// Electron's secret store: values sealed with safeStorage (DPAPI on Windows, the keychain or
// libsecret elsewhere), so a copied data folder does not carry a usable device token. A plain
// secret left by the IT command line (`npm run kiosk -- configure-sync`) is sealed and removed
// on first read.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { SafeStorage } from 'electron';
import { fileSecretStore, secretsDir, writeFileAtomic, type SecretStore } from '../backend/secret-store';

export function sealedSecretStore(dataDir: string, safeStorage: Pick<SafeStorage, 'encryptString' | 'decryptString' | 'isEncryptionAvailable'>): SecretStore {
  const plain = fileSecretStore(dataDir);
  // Never a silent fallback to plain files: the shell checks first (secrets-guard.ts) and refuses
  // to run, or uses the file store itself where IT allowed it.
  if (!safeStorage.isEncryptionAvailable()) throw new Error('safeStorage is unavailable: secrets cannot be sealed');
  const sealedPath = (name: string) => join(secretsDir(dataDir), `${name}.sealed`);
  const store: SecretStore = {
    read: (name) => {
      const unsealed = plain.read(name);
      if (unsealed !== undefined) {
        store.write(name, unsealed);
        rmSync(join(secretsDir(dataDir), name), { force: true });
        return unsealed;
      }
      return existsSync(sealedPath(name)) ? safeStorage.decryptString(readFileSync(sealedPath(name))) : undefined;
    },
    write: (name, value) => {
      plain.write(name, ''); // creates the 0700 folder; an empty plain file reads as absent
      rmSync(join(secretsDir(dataDir), name), { force: true });
      writeFileAtomic(sealedPath(name), safeStorage.encryptString(value));
    },
  };
  return store;
}
