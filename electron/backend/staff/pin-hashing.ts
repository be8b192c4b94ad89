// The kiosk's PIN hashing is shared with central (setup codes in provisioning files): one
// implementation, in shared/node/pin-hashing.ts. Re-exported here for the staff domain.
export {
  DEFAULT_PIN,
  hashPin,
  isWeakPin,
  ONE_TIME_CODE_DIGITS,
  oneTimeCode,
  PIN_HASH_COST,
  pinHashPattern,
  unusableHash,
  verifyPin,
  type PinHashCost,
} from '../../../shared/node/pin-hashing';
