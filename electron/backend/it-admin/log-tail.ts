// The end of <data>/logs/kiosk.log for IT staff: only the last bytes are read, each JSON line
// is reduced to a whitelist of short, harmless fields (no names, photos, keys, tokens, PINs or
// hashes), and the known secrets are scrubbed from whatever is left (secret-scrub.ts).
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

const TAIL_BYTES = 512 * 1024;
const MAX_TEXT = 300;
/** Field names whose values may be secret or personal, whatever they hold. */
const UNSAFE_KEY = /token|secret|private|key|pin|hash|photo|password|authorization|cookie|name|reason|dossier/i;
const DROPPED = new Set(['level', 'time', 'msg', 'app', 'pid', 'hostname', 'err']);

export interface SafeLogLine {
  at: string;
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  fields: Record<string, string | number | boolean | null | string[]>;
}

export function readLogTail(logFile: string, maxLines: number): SafeLogLine[] {
  let text: string;
  try {
    const fd = openSync(logFile, 'r');
    try {
      const size = fstatSync(fd).size;
      const start = Math.max(0, size - TAIL_BYTES);
      const buffer = Buffer.alloc(size - start);
      readSync(fd, buffer, 0, buffer.length, start);
      text = buffer.toString('utf8');
      // A tail read starts mid-line: drop the partial first line.
      if (start > 0) text = text.slice(text.indexOf('\n') + 1);
    } finally {
      closeSync(fd);
    }
  } catch {
    return [];
  }
  return text
    .split('\n')
    .flatMap((line) => {
      const safe = safeLine(line);
      return safe === undefined ? [] : [safe];
    })
    .slice(-maxLines);
}

function safeLine(line: string): SafeLogLine | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const record = parsed as Record<string, unknown>;
  const levelNumber = typeof record.level === 'number' ? record.level : 30;
  const level = levelNumber >= 50 ? 'error' : levelNumber >= 40 ? 'warn' : levelNumber >= 30 ? 'info' : 'debug';
  const err = typeof record.err === 'object' && record.err !== null ? (record.err as Record<string, unknown>) : undefined;
  const errText = err === undefined ? '' : `: ${short(err.type)} ${short(err.code)} ${short(err.message)}`.replace(/\s+/g, ' ').trimEnd();
  const fields: SafeLogLine['fields'] = {};
  for (const [key, value] of Object.entries(record)) {
    if (DROPPED.has(key) || UNSAFE_KEY.test(key)) continue;
    const kept = safeValue(value);
    if (kept !== undefined) fields[key] = kept;
  }
  return {
    at: typeof record.time === 'string' ? record.time : typeof record.time === 'number' ? new Date(record.time).toISOString() : '',
    level,
    message: `${short(record.msg)}${errText}`.slice(0, MAX_TEXT),
    fields,
  };
}

function short(value: unknown): string {
  return typeof value === 'string' ? value.slice(0, MAX_TEXT) : typeof value === 'number' ? String(value) : '';
}

function safeValue(value: unknown): SafeLogLine['fields'][string] | undefined {
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'string') return value.length <= 200 ? value : undefined;
  if (Array.isArray(value) && value.length <= 20 && value.every((v) => typeof v === 'string' && v.length <= 64)) return value as string[];
  return undefined;
}
