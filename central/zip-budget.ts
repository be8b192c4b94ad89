// How much an uploaded .xlsx (a zip) unpacks to, measured before exceljs loads it whole: an 8 MiB
// zip of zeros unpacks to gigabytes and would take central's memory with it. Each entry named by
// the zip's central directory is inflated with a hard output cap (zlib's maxOutputLength), so an
// entry lying about its size cannot get past it either. Only what the unit import needs: stored
// and deflated entries, no zip64 (a unit list is far below 4 GiB), no encryption.
import { inflateRawSync } from 'node:zlib';

export class ZipBudgetError extends Error {
  constructor(readonly reason: 'not-a-zip' | 'too-large' | 'unsupported') {
    super(`zip refused: ${reason}`);
    this.name = 'ZipBudgetError';
  }
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const MAX_ENTRIES = 10_000;

/** Throws ZipBudgetError unless every entry of `zip` unpacks, together, to at most `maxBytes`. */
export function checkZipBudget(zip: Buffer, maxBytes: number): void {
  // The end-of-directory record is in the last 22 + 65,535 (comment) bytes.
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i -= 1) {
    if (zip.readUInt32LE(i) === END_OF_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new ZipBudgetError('not-a-zip');
  const entries = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  if (entries > MAX_ENTRIES) throw new ZipBudgetError('too-large');
  let left = maxBytes;
  for (let n = 0; n < entries; n += 1) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== DIRECTORY_ENTRY) throw new ZipBudgetError('not-a-zip');
    const flags = zip.readUInt16LE(at + 8);
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const local = zip.readUInt32LE(at + 42);
    if ((flags & 1) !== 0 || compressed === 0xffffffff || local === 0xffffffff) throw new ZipBudgetError('unsupported');
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== LOCAL_HEADER) throw new ZipBudgetError('not-a-zip');
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    if (start + compressed > zip.length) throw new ZipBudgetError('not-a-zip');
    const data = zip.subarray(start, start + compressed);
    if (method === 0) left -= data.length;
    else if (method === 8) {
      try {
        left -= inflateRawSync(data, { maxOutputLength: Math.max(1, left) }).length;
      } catch (error) {
        throw new ZipBudgetError(error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? 'too-large' : 'not-a-zip');
      }
    } else throw new ZipBudgetError('unsupported');
    if (left < 0) throw new ZipBudgetError('too-large');
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
}
