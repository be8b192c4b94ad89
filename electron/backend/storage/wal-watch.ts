// The -wal file under a running kiosk (issue 12). SQLite keeps writing to the WAL it opened: if
// someone deletes the file (or puts another in its place), every commit from then on lives only
// in an unlinked inode and is lost at the next power cut, while integrity_check still says "ok".
// A stat of the path, compared with the file seen right after the open, tells: gone (ENOENT) or
// another file (device/inode differ). A stat costs microseconds, so every tap checks before it
// is acknowledged, and the backend also checks on a timer.
import { statSync } from 'node:fs';

export type WalState = { intact: true } | { intact: false; detail: string };

export interface WalWatch {
  check: () => WalState;
}

interface FileIdentity {
  dev: number;
  ino: number;
}

export function watchWal(databaseFile: string, stat: (path: string) => FileIdentity | null = identityOf): WalWatch {
  const path = `${databaseFile}-wal`;
  // Taken after the open (journal_mode = WAL creates the file). An in-memory database, or a
  // file system without one, has nothing to watch.
  const seen = stat(path);
  return {
    check: () => {
      if (seen === null) return { intact: true };
      const now = stat(path);
      if (now === null) return { intact: false, detail: `${path} is gone` };
      if (now.dev !== seen.dev || now.ino !== seen.ino) return { intact: false, detail: `${path} was replaced (inode ${seen.ino} → ${now.ino})` };
      return { intact: true };
    },
  };
}

function identityOf(path: string): FileIdentity | null {
  try {
    const { dev, ino, nlink } = statSync(path);
    // A file with no name left (nlink 0) cannot be reached by path; kept for clarity.
    return nlink === 0 ? null : { dev, ino };
  } catch {
    return null;
  }
}
