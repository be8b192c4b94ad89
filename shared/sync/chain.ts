// The device's record chain (issue 11): one order over everything a kiosk records for the
// public — ratings and reason answers — where each record's link hashes the previous link and
// the record itself, and the device signs its chain head. Central verifies the links as records
// arrive (by HTTP or on a USB stick, in any order) and names any break by device and position.
// docs/sync-protocol.md ("Record chain") specifies the same for another team; its examples are
// checked against this module by tests.
//
// Pure: the hashing itself is `shared/node/record-chain.ts` (synchronous SHA-256, so the kiosk
// computes a link inside its insert transaction); signatures use Web Crypto like the sync files.
import { z } from 'zod';
import { signText, verifyText } from '../sync-files/signed-file';

/** Names the canonical form and hash below; a different form would be a new name. */
export const CHAIN_FORM = 'HLCHAIN/1';
/** The link "before" position 1. */
export const GENESIS_LINK = '0'.repeat(64);
/** Far above any kiosk's lifetime (a record a second for 60 years), below 2^53. */
export const MAX_CHAIN_POSITION = 2_000_000_000;

export const chainRecordKinds = ['rating', 'reason-answer'] as const;
export type ChainRecordKind = (typeof chainRecordKinds)[number];

export const chainLinkSchema = z.string().regex(/^[0-9a-f]{64}$/, 'link: 64 chữ số hex thường');
export const chainPositionSchema = z.number().int().min(1).max(MAX_CHAIN_POSITION);

/** The two fields every chained record carries on the wire (format 2), beside its own. */
export const chainFieldsShape = { chainPosition: chainPositionSchema, chainLink: chainLinkSchema };

/**
 * The device's signed statement "my chain ends at `position` with `link`". Records chained by
 * the upgrade that introduced the chain (migration, from seq 1) end at `migratedThrough` with
 * `migratedLink` (null when the kiosk had nothing before the chain): central treats what it
 * received before the chain as unchained history, and starts verifying after that link.
 */
export const chainHeadSchema = z.strictObject({
  deviceId: z.uuid(),
  position: chainPositionSchema,
  link: chainLinkSchema,
  migratedThrough: z.number().int().min(0).max(MAX_CHAIN_POSITION).nullable(),
  migratedLink: chainLinkSchema.nullable(),
  signedAt: z.iso.datetime({ offset: true, precision: 3 }),
  /** Ed25519 by the device key over `chainHeadMessage`, base64 (88 characters). */
  signature: z.string().regex(/^[A-Za-z0-9+/]{86}==$/, 'chữ ký Ed25519 base64'),
});
export type ChainHead = z.infer<typeof chainHeadSchema>;
export type UnsignedChainHead = Omit<ChainHead, 'signature'>;

/**
 * Canonical JSON (RFC 8785 for the values records hold: strings, integers, booleans, null,
 * arrays, objects): object keys sorted by UTF-16 code units, no whitespace, strings and numbers
 * as JSON.stringify writes them. Every key counts, also one this code does not know: a newer
 * kiosk's added field is covered by the chain and verifiable by an older central.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('canonicalJson: non-finite number');
    const text = JSON.stringify(value);
    if (text === undefined) throw new TypeError(`canonicalJson: ${typeof value} has no JSON form`);
    return text;
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The record as the chain sees it: everything but its own chain fields, in canonical JSON. */
export function chainedContent(record: object): string {
  const content = Object.fromEntries(Object.entries(record).filter(([key]) => !(key in chainFieldsShape)));
  return canonicalJson(content);
}

/**
 * What is hashed for the record at `position`: the previous link, then the form, kind,
 * position and content, each on its own line (UTF-8):
 * `<previous link>\nHLCHAIN/1\n<kind>\n<position>\n<canonical JSON>`.
 * The link is the lowercase hex SHA-256 of these bytes.
 */
export function chainLinkInput(previousLink: string, position: number, kind: ChainRecordKind, content: string): string {
  return `${previousLink}\n${CHAIN_FORM}\n${kind}\n${position}\n${content}`;
}

/** The exact text the device signs for its head (UTF-8), one field a line, '-' for null. */
export function chainHeadMessage(head: UnsignedChainHead): string {
  return ['HLCHAIN-HEAD/1', head.deviceId, head.position, head.link, head.migratedThrough ?? '-', head.migratedLink ?? '-', head.signedAt, ''].join('\n');
}

/** `devicePrivateKey`: PKCS8 base64, or the key already imported (a kiosk signs a head per batch, importing once). */
export async function signChainHead(head: UnsignedChainHead, devicePrivateKey: string | CryptoKey): Promise<ChainHead> {
  return { ...head, signature: await signText(devicePrivateKey, chainHeadMessage(head)) };
}

/** True when `head.signature` is the device key's (raw or SPKI base64) over the head. */
export async function verifyChainHead(head: ChainHead, devicePublicKey: string): Promise<boolean> {
  const { signature, ...unsigned } = head;
  return verifyText(devicePublicKey, chainHeadMessage(unsigned), signature);
}
