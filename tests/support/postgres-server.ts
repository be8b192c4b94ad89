// A throwaway PostgreSQL cluster for the central tests, started once per run as a vitest
// globalSetup (setup/teardown below) and handed to test files with provide/inject. With
// CENTRAL_TEST_DATABASE_URL set, that server is used instead and nothing is started.
// No PostgreSQL binaries → the run fails with a clear message: these tests never skip.
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    centralPostgresUrl: string;
  }
}

const PG_ROOT = '/usr/lib/postgresql';
const TEST_DATABASE = 'hai_long_central_test';

export interface TestPostgres {
  url: string;
  stop: () => void;
}

/** Newest PostgreSQL under /usr/lib/postgresql/<version>/bin that has initdb and pg_ctl. */
export function findPostgresBin(root = PG_ROOT): string {
  const versions = existsSync(root) ? readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  const bin = versions.map((v) => join(root, v, 'bin')).find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
  if (bin === undefined) {
    throw new Error(
      `Không tìm thấy PostgreSQL (initdb, pg_ctl) trong ${root}/*/bin. Các bài kiểm thử máy chủ trung tâm cần PostgreSQL: ` +
        `cài gói "postgresql" (Debian: apt-get install -y postgresql) hoặc đặt CENTRAL_TEST_DATABASE_URL.`,
    );
  }
  return bin;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** initdb refuses to run as root: then every cluster command runs as the postgres user. */
function clusterRunner(): { run: (file: string, args: string[]) => void; owner?: { uid: number; gid: number } } {
  if (process.getuid?.() !== 0) return { run: (file, args) => execFileSync(file, args, { stdio: 'pipe' }) };
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  let owner: { uid: number; gid: number };
  try {
    owner = { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error('Đang chạy với quyền root nhưng không có người dùng hệ thống "postgres" để chạy initdb.');
  }
  return { run: (file, args) => execFileSync('runuser', ['-u', 'postgres', '--', file, ...args], { stdio: 'pipe' }), owner };
}

export async function startTestPostgres(): Promise<TestPostgres> {
  const bin = findPostgresBin();
  const { run, owner } = clusterRunner();
  const dir = mkdtempSync(join(tmpdir(), 'hai-long-pg-'));
  const data = join(dir, 'data');
  const sockets = join(dir, 'sockets');
  const logFile = join(dir, 'postgres.log');
  mkdirSync(sockets);
  if (owner !== undefined) {
    for (const d of [dir, sockets]) chownSync(d, owner.uid, owner.gid);
  }
  chmodSync(dir, 0o700);
  const pgCtl = join(bin, 'pg_ctl');
  try {
    run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--no-locale', '-E', 'UTF8', '--no-sync']);
    const port = await freePort();
    // Durability is irrelevant for a cluster deleted after the run; speed is not.
    const serverOptions = `-h 127.0.0.1 -p ${port} -k ${sockets} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    run(pgCtl, ['-D', data, '-l', logFile, '-w', '-t', '60', '-o', serverOptions, 'start']);
    const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${TEST_DATABASE}`);
    await admin.end();
    return {
      url: `postgres://postgres@127.0.0.1:${port}/${TEST_DATABASE}`,
      stop: () => {
        try {
          run(pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop']);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-2000) : '';
    try {
      run(pgCtl, ['-D', data, '-m', 'immediate', 'stop']);
    } catch {
      // It never started; nothing to stop.
    }
    rmSync(dir, { recursive: true, force: true });
    const output = error instanceof Error && 'stderr' in error ? String(error.stderr) : '';
    throw new Error(`Không khởi động được PostgreSQL để kiểm thử: ${String(error)}\n${output}\n${log}`, { cause: error });
  }
}

/**
 * The run's one cluster, shared by every project that names this globalSetup (central,
 * sync-files): vitest calls setup once per project, in one process, so the cluster lives on
 * globalThis with a count of its users and stops when the last one tears down.
 */
interface SharedCluster {
  cluster: Promise<TestPostgres>;
  users: number;
}
const SHARED = Symbol.for('hai-long.test-postgres');
const registry = globalThis as typeof globalThis & { [SHARED]?: SharedCluster | undefined };

/** vitest globalSetup: one cluster for the whole run. */
export async function setup(project: TestProject): Promise<void> {
  const given = process.env.CENTRAL_TEST_DATABASE_URL;
  if (given !== undefined && given !== '') {
    project.provide('centralPostgresUrl', given);
    return;
  }
  const shared = (registry[SHARED] ??= { cluster: startTestPostgres(), users: 0 });
  shared.users += 1;
  project.provide('centralPostgresUrl', (await shared.cluster).url);
}

export async function teardown(): Promise<void> {
  const shared = registry[SHARED];
  if (shared === undefined || --shared.users > 0) return;
  registry[SHARED] = undefined;
  // A cluster that never started already failed its projects' setup; nothing to stop.
  await shared.cluster.then((cluster) => cluster.stop(), () => undefined);
}
