// How a device's public key may change at central, and what each change records (issue 10).
// One module for both stores and the CLI, as intake-rules.ts is for ratings: the methods are the
// CHECK list of device_key_changes in both migrations.
//   first                  the device had no key (device enroll of a new device, device add --public-key)
//   signed-by-old-key      the enrollment file's previousKey is the registered key and its signature verifies
//   fingerprint-confirmed  someone at central typed --replace-key --fingerprint <the new key's fingerprint,
//                          as the kiosk's IT screen shows it> (the kiosk lost its old key: reinstall, new disk)
export const keyChangeMethods = ['first', 'signed-by-old-key', 'fingerprint-confirmed'] as const;
export type KeyChangeMethod = (typeof keyChangeMethods)[number];

/** "'first', 'signed-by-old-key', …" for a CHECK (method IN (…)) constraint. */
export const keyChangeMethodSqlList = keyChangeMethods.map((m) => `'${m}'`).join(', ');

export interface DeviceKeyChange {
  deviceId: string;
  /** The registered key the change replaces; null for `first`. The store refuses the change if it is no longer this one. */
  oldPublicKey: string | null;
  oldFingerprint: string | null;
  newPublicKey: string;
  newFingerprint: string;
  method: KeyChangeMethod;
  /** Who: "dòng lệnh (<OS user>)", or the --by label. */
  actor: string;
}

export interface RecordedKeyChange extends DeviceKeyChange {
  changedAt: string;
}


/** The key-change codes the CLI refuses with (exit 1). */
export const keyChangeRefusalCodes = ['KEY_CHANGE_UNCONFIRMED', 'KEY_FINGERPRINT_MISMATCH', 'KEY_OLD_SIGNATURE_INVALID', 'KEY_CHANGED_MEANWHILE'] as const;
export type KeyChangeRefusalCode = (typeof keyChangeRefusalCodes)[number];
