// The kiosk refuses to run with unprotected secrets (the central device token, the sealed
// device key): without an OS key store (Windows DPAPI, macOS keychain, Linux libsecret/kwallet)
// safeStorage is unavailable, and Linux's `basic_text` backend "encrypts" with a key built into
// Chromium. Either way: the out-of-service notice with a cause for IT, and an incident in the
// log. `KIOSK_ALLOW_FILE_SECRETS=1` (docs/deploy.md, docs/DECISIONS.md) allows the plain file
// store on a dedicated, locked-down PC where IT accepts that risk.
import type { ShellElectron } from './shell-electron';

export const ALLOW_FILE_SECRETS = 'KIOSK_ALLOW_FILE_SECRETS';

export type SecretsProtection =
  | { kind: 'sealed' }
  | { kind: 'file-allowed'; why: string }
  | { kind: 'refused'; incidentCode: 'HL-SECRETS-UNPROTECTED'; message: string; detail: string };

export function secretsProtection(safeStorage: ShellElectron['safeStorage'], platform: NodeJS.Platform, env: NodeJS.ProcessEnv): SecretsProtection {
  const available = safeStorage.isEncryptionAvailable();
  // Linux only; call after 'ready'.
  const backend = platform === 'linux' ? safeStorage.getSelectedStorageBackend() : undefined;
  if (available && backend !== 'basic_text') return { kind: 'sealed' };
  const detail = available ? `safeStorage backend is ${backend ?? 'unknown'} (a key built into Chromium)` : 'safeStorage encryption is not available (no OS key store)';
  if (env[ALLOW_FILE_SECRETS] === '1') return { kind: 'file-allowed', why: detail };
  return {
    kind: 'refused',
    incidentCode: 'HL-SECRETS-UNPROTECTED',
    message:
      platform === 'linux'
        ? 'Máy chưa có kho khóa bảo mật của hệ điều hành (gnome-keyring/kwallet được mở khi đăng nhập). IT: cài và mở khóa kho khóa (docs/deploy.md), hoặc đặt KIOSK_ALLOW_FILE_SECRETS=1 trên máy đã khóa chặt.'
        : 'Hệ điều hành không cho mã hóa bí mật của máy đánh giá. IT: kiểm tra tài khoản Windows của máy (docs/deploy.md), hoặc đặt KIOSK_ALLOW_FILE_SECRETS=1 trên máy đã khóa chặt.',
    detail,
  };
}
