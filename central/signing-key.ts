// Central's Ed25519 signing key: created on first use and kept in the central database (both
// stores), so every central process on one database signs with the same key. It signs ack and
// provisioning files; kiosks pin its public half (docs/sync-protocol.md, "Sync files (USB)").
import { generateSigningKeyPair, importPrivateKey } from '../shared/sync-files/signed-file';
import type { CentralStore } from './store/central-store';

export interface CentralSigningKey {
  publicKey: string;
  privateKey: CryptoKey;
}

export async function centralSigningKey(store: CentralStore): Promise<CentralSigningKey> {
  // A racing process may insert first: ensureSigningKey returns whichever key was stored.
  const stored = await store.ensureSigningKey(await generateSigningKeyPair());
  return { publicKey: stored.publicKey, privateKey: await importPrivateKey(stored.privateKeyPkcs8) };
}
