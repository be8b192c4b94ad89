// The daily integrity check (issue 12): `PRAGMA integrity_check` once a day at a quiet hour
// (03:00 in the kiosk's time zone, on the injected clock), since quick_check at start does not
// match indexes against their tables; then the record chain recomputed (verifyLocalChain), which
// finds a damaged byte inside a record that both checks pass. A corrupt verdict calls `onCorrupt` (the backend closes,
// rebuilds with recovery.ts and reopens on the new file); anything else is logged and retried
// the next day. Runs at most once per local day, also across a clock set back.
import type { Database } from 'better-sqlite3';
import { TZDate } from '@date-fns/tz';
import { toLocalDay } from '../../../shared/local-time';
import type { Logger } from '../logger';
import { verifyLocalChain } from '../record-chain-check';
import { integrityCheck } from './corruption';

export const QUIET_HOUR = 3;
const LOOK_EVERY_MS = 60_000;

export interface DailyIntegrityCheckDeps {
  db: () => Database;
  now: () => Date;
  timeZone: () => string;
  log: Logger;
  onCorrupt: (problems: string[]) => void | Promise<void>;
}

export interface DailyIntegrityCheck {
  /** Runs the check when it is due (past 03:00 local, not yet run this local day); returns whether it ran. */
  tick: () => Promise<'ok' | 'corrupt' | 'not-due' | 'failed'>;
  start: () => void;
  stop: () => void;
}

export function createDailyIntegrityCheck(deps: DailyIntegrityCheckDeps): DailyIntegrityCheck {
  let lastDay: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  const tick: DailyIntegrityCheck['tick'] = async () => {
    const at = deps.now();
    const zone = deps.timeZone();
    const day = toLocalDay(at, zone);
    if (running || day === lastDay || new TZDate(at.getTime(), zone).getHours() < QUIET_HOUR) return 'not-due';
    running = true;
    lastDay = day;
    try {
      const db = deps.db();
      const check = integrityCheck(db);
      // integrity_check sees pages and indexes, not a changed byte inside a record: the chain does.
      const chain = check.ok ? verifyLocalChain(db) : ({ ok: true } as const);
      if (!chain.ok) {
        deps.log.error({ position: chain.position, problem: chain.problem }, 'daily integrity check: record chain broken');
        await deps.onCorrupt([chain.problem]);
        return 'corrupt';
      }
      if (check.ok) {
        deps.log.info({ day }, 'daily integrity check: ok');
        return 'ok';
      }
      deps.log.error({ problems: check.problems.slice(0, 5) }, 'daily integrity check: database damaged');
      await deps.onCorrupt(check.problems);
      return 'corrupt';
    } catch (error) {
      deps.log.error({ err: error }, 'daily integrity check failed');
      return 'failed';
    } finally {
      running = false;
    }
  };
  return {
    tick,
    start: () => {
      timer = setInterval(() => void tick(), LOOK_EVERY_MS);
      timer.unref();
    },
    stop: () => clearInterval(timer),
  };
}
