// Browser mode's address, kept per data folder (issue 14): the same secret and, when it is free,
// the same port at every start, so the URL a browser already has stays valid across host
// restarts and an open page reconnects by itself. The secret is a 0600 file in the 0700 data
// folder, created once, like the other secrets; another origin can neither read it (it never
// leaves this machine's file system and the page's fragment) nor use it (the Host check).
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ensurePrivateDir, makePrivateIfExists } from '../../shared/node/file-modes';
import { readRegularTextFile } from '../../shared/node/safe-file-read';
import { writeFileAtomic } from '../backend/secret-store';
import { startBrowserHost, type BrowserHost, type BrowserHostOptions } from './browser-host';

export const HOST_SECRET_FILE = 'browser-host-secret';
export const HOST_PORT_FILE = 'browser-host-port';

/** 32 random bytes, base64url: what the host accepts and what the printed URL carries. */
const SECRET_SHAPE = /^[\w-]{43}$/;
const portSchema = z.coerce.number().int().min(1).max(65535);
/** Both files hold one short line: anything bigger is not ours, and is not read. */
const KEPT_FILE_MAX_BYTES = 1024;

/** A kept file's trimmed text ('' when absent), read as a regular file of a few bytes only. */
function readKept(path: string): string {
  return existsSync(path) ? readRegularTextFile(path, KEPT_FILE_MAX_BYTES).trim() : '';
}

export function newHostSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The data folder's secret, created (0600) on the first start. A file that is not a secret of
 * ours (empty, truncated by a power cut, edited) is replaced: the old URL could not work anyway.
 */
export function loadOrCreateHostSecret(dataDir: string, create: () => string = newHostSecret): string {
  ensurePrivateDir(dataDir);
  const path = join(dataDir, HOST_SECRET_FILE);
  const stored = readKept(path);
  if (SECRET_SHAPE.test(stored)) {
    makePrivateIfExists(path); // an older copy or a restored backup may be 0644
    return stored;
  }
  const secret = create();
  if (stored === '' && !existsSync(path)) {
    // 'wx': of two hosts started at once on one folder, one creates it and the other reads it.
    try {
      const fd = openSync(path, 'wx', 0o600);
      try {
        writeSync(fd, secret);
      } finally {
        closeSync(fd);
      }
      return secret;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateHostSecret(dataDir, create);
      throw error;
    }
  }
  writeFileAtomic(path, secret);
  return secret;
}

/** The port the last start listened on, if one was remembered (and still a port). */
export function rememberedPort(dataDir: string): number | undefined {
  const port = portSchema.safeParse(readKept(join(dataDir, HOST_PORT_FILE)));
  return port.success ? port.data : undefined;
}

export function rememberPort(dataDir: string, port: number): void {
  if (rememberedPort(dataDir) === port) return;
  ensurePrivateDir(dataDir);
  writeFileAtomic(join(dataDir, HOST_PORT_FILE), `${port}\n`);
}

export interface KeptAddressOptions extends Omit<BrowserHostOptions, 'port' | 'fallbackToFreePort' | 'token'> {
  dataDir: string;
  /** --port: this port for this launch, neither remembered nor replaced when taken. */
  pinnedPort?: number | undefined;
  /** The remembered port was taken: a page open on the old address cannot follow. */
  onPortMoved?: (from: number, to: number) => void;
}

/**
 * The browser host on the data folder's kept secret and remembered port. A data folder that
 * cannot be read or written must not stop the host (the page then shows the out-of-service
 * notice): it runs with a secret for this launch only, and is not remembered.
 */
export async function startBrowserHostKeepingAddress(options: KeptAddressOptions): Promise<BrowserHost> {
  const { dataDir, pinnedPort, onPortMoved, ...hostOptions } = options;
  const kept = <T>(what: string, work: () => T, otherwise: T): T => {
    try {
      return work();
    } catch (error) {
      options.log.warn({ err: error }, `browser host: the ${what} is not kept in the data folder`);
      return otherwise;
    }
  };
  const token = kept('secret', () => loadOrCreateHostSecret(dataDir), newHostSecret());
  const remembered = pinnedPort === undefined ? kept('port', () => rememberedPort(dataDir), undefined) : undefined;
  const host = await startBrowserHost({ ...hostOptions, port: pinnedPort ?? remembered ?? 0, fallbackToFreePort: pinnedPort === undefined, token });
  if (pinnedPort === undefined) {
    if (remembered !== undefined && host.port !== remembered) onPortMoved?.(remembered, host.port);
    kept('port', () => rememberPort(dataDir, host.port), undefined);
  }
  return host;
}
