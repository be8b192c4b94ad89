// The one container every USB file uses (sync, ack, provisioning, enrollment):
//
//   <MAGIC>/<version>\n        e.g. "HLSYNC/1"
//   <header JSON>\n            one line (JSON.stringify never emits a raw newline)
//   <payload bytes>            exactly header.payloadBytes bytes (0 when absent)
//   SIG ed25519 <base64>\n     Ed25519 signature over every byte before "SIG"
//
// Unambiguous: the magic and header end at the first two newlines, the payload length is in the
// signed header, and the signature line must end the file exactly. Pure: Web Crypto only.
import { refuse } from './rejections';

export const FILE_FORMAT_VERSION = 1;
export type FileMagic = 'HLSYNC' | 'HLACK' | 'HLPROV' | 'HLENROLL' | 'HLRESET';
const SIG_PREFIX = 'SIG ed25519 ';
const SIGNATURE_B64_LENGTH = 88; // 64 bytes
const MAX_HEADER_BYTES = 64 * 1024;

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export interface SignedParts {
  header: unknown;
  payload: Uint8Array;
  /** The bytes the signature covers. */
  signed: Uint8Array;
  signature: Uint8Array;
}

export async function encodeSignedFile(magic: FileMagic, header: object, payload: Uint8Array, privateKey: CryptoKey): Promise<Uint8Array> {
  const head = encoder.encode(`${magic}/${FILE_FORMAT_VERSION}\n${JSON.stringify(header)}\n`);
  const signed = concat([head, payload]);
  const signature = await sign(privateKey, signed);
  return concat([signed, encoder.encode(`${SIG_PREFIX}${toBase64(signature)}\n`)]);
}

/** Structure only: magic, header JSON, payload length, signature line. Verification is the caller's. */
export function parseSignedFile(bytes: Uint8Array, magic: FileMagic): SignedParts {
  const magicLine = encoder.encode(`${magic}/`);
  const firstNewline = bytes.indexOf(0x0a);
  if (firstNewline < 0) {
    // A prefix of the magic (an empty file included), or the magic with nothing after it.
    const cut = startsWith(magicLine, bytes) || startsWith(bytes, magicLine);
    throw refuse(cut ? 'TRUNCATED' : 'NOT_A_SYNC_FILE', 'không có dòng nhận dạng');
  }
  const first = latin1(bytes.subarray(0, firstNewline));
  if (!first.startsWith(`${magic}/`)) throw refuse('NOT_A_SYNC_FILE', `dòng đầu không phải ${magic}/…`);
  if (first !== `${magic}/${FILE_FORMAT_VERSION}`) throw refuse('UNSUPPORTED_FORMAT', `dòng nhận dạng ${JSON.stringify(first.slice(0, 40))}`);
  const headerStart = firstNewline + 1;
  const headerEnd = bytes.indexOf(0x0a, headerStart);
  if (headerEnd < 0) {
    if (bytes.length - headerStart > MAX_HEADER_BYTES) throw refuse('MALFORMED', 'phần mô tả quá dài');
    throw refuse('TRUNCATED', 'tệp dừng giữa phần mô tả');
  }
  if (headerEnd - headerStart > MAX_HEADER_BYTES) throw refuse('MALFORMED', 'phần mô tả quá dài');
  let header: unknown;
  try {
    header = JSON.parse(decoder.decode(bytes.subarray(headerStart, headerEnd)));
  } catch {
    throw refuse('MALFORMED', 'phần mô tả không phải JSON hợp lệ');
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) throw refuse('MALFORMED', 'phần mô tả không phải đối tượng JSON');
  const declared = (header as { payloadBytes?: unknown }).payloadBytes ?? 0;
  if (typeof declared !== 'number' || !Number.isSafeInteger(declared) || declared < 0) throw refuse('MALFORMED', 'payloadBytes không hợp lệ');
  const payloadStart = headerEnd + 1;
  const payloadEnd = payloadStart + declared;
  const trailerLength = SIG_PREFIX.length + SIGNATURE_B64_LENGTH + 1;
  if (bytes.length < payloadEnd + trailerLength) throw refuse('TRUNCATED', `cần ${payloadEnd + trailerLength} byte, tệp có ${bytes.length}`);
  if (bytes.length > payloadEnd + trailerLength) throw refuse('MALFORMED', `thừa ${bytes.length - payloadEnd - trailerLength} byte sau chữ ký hoặc payloadBytes sai`);
  const trailer = latin1(bytes.subarray(payloadEnd));
  const match = /^SIG ed25519 ([A-Za-z0-9+/]{86}==)\n$/.exec(trailer);
  if (match?.[1] === undefined) throw refuse('MALFORMED', 'dòng chữ ký không hợp lệ');
  const signature = fromBase64(match[1]);
  // The last base64 character carries 4 unused bits: only the canonical spelling is accepted,
  // so that no byte of the file can change without the file being refused.
  if (toBase64(signature) !== match[1]) throw refuse('MALFORMED', 'chữ ký base64 không chuẩn');
  return {
    header,
    payload: bytes.subarray(payloadStart, payloadEnd),
    signed: bytes.subarray(0, payloadEnd),
    signature,
  };
}

// --- Ed25519 keys (Web Crypto). Public keys travel as raw 32 bytes in base64; private as PKCS8.

export interface KeyPairText {
  publicKey: string;
  privateKeyPkcs8: string;
}

export async function generateSigningKeyPair(): Promise<KeyPairText> {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
  return { publicKey: toBase64(raw), privateKeyPkcs8: toBase64(pkcs8) };
}

export async function importPrivateKey(pkcs8Base64: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('pkcs8', fromBase64(pkcs8Base64), { name: 'Ed25519' }, false, ['sign']);
}

/** Raw (32 bytes) or SPKI (44 bytes) base64. Throws on anything else. */
export async function importPublicKey(base64: string): Promise<CryptoKey> {
  const bytes = fromBase64(base64);
  const format = bytes.length === 32 ? 'raw' : 'spki';
  return crypto.subtle.importKey(format, bytes, { name: 'Ed25519' }, true, ['verify']);
}

/** Any accepted public key form → the canonical raw base64 (for storing and comparing). */
export async function canonicalPublicKey(base64: string): Promise<string> {
  const key = await importPublicKey(base64);
  return toBase64(new Uint8Array(await crypto.subtle.exportKey('raw', key)));
}

export const publicKeyTextPattern = /^[A-Za-z0-9+/]{42,80}={0,2}$/;

async function sign(privateKey: CryptoKey, data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, privateKey, data as Uint8Array<ArrayBuffer>));
}

/** Ed25519 over the UTF-8 bytes of `text` (a chain head, an incident), base64. `key`: PKCS8 base64 or already imported. */
export async function signText(key: string | CryptoKey, text: string): Promise<string> {
  const privateKey = typeof key === 'string' ? await importPrivateKey(key) : key;
  return toBase64(await sign(privateKey, utf8(text)));
}

/** True when `signature` (base64) is `publicKey`'s (raw or SPKI base64) over the UTF-8 bytes of `text`. */
export async function verifyText(publicKey: string, text: string, signature: string): Promise<boolean> {
  try {
    const key = await importPublicKey(publicKey);
    return await crypto.subtle.verify({ name: 'Ed25519' }, key, fromBase64(signature), utf8(text) as Uint8Array<ArrayBuffer>);
  } catch {
    return false;
  }
}

export async function verifySignature(publicKey: CryptoKey, parts: Pick<SignedParts, 'signed' | 'signature'>): Promise<boolean> {
  try {
    return await crypto.subtle.verify({ name: 'Ed25519' }, publicKey, parts.signature as Uint8Array<ArrayBuffer>, parts.signed as Uint8Array<ArrayBuffer>);
  } catch {
    return false;
  }
}

// --- bytes

export async function sha256Hex(data: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function concat(parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  if (bytes.length < prefix.length) return false;
  return prefix.every((b, i) => bytes[i] === b);
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}

export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

export function fromUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}
