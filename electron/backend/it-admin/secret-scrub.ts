// The last line of defence for anything a diagnostics screen or bundle shows: every current
// secret the kiosk holds (device token, device private key) is replaced by '••••' wherever it
// appears, even if a log line or a setting somehow carried it. PINs exist only as hashes,
// which nothing exported reads.
import { MASKED_SECRET } from '../../../shared/device-settings';
import type { SecretStore } from '../secret-store';

export function secretScrubber(secrets: SecretStore): (text: string) => string {
  const known = [secrets.read('device-token'), secrets.read('device-private-key')].filter(
    (s): s is string => s !== undefined && s.length >= 8,
  );
  return (text) => known.reduce((out, secret) => out.split(secret).join(MASKED_SECRET), text);
}
