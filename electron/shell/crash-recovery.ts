// What the shell does when the page's renderer dies or hangs (docs/DECISIONS.md, "Crash
// recovery"): log the reason, reload after a backoff (1 s, 2 s, 4 s… capped); three failures
// within ten minutes → relaunch the whole app; and when relaunching has not helped (two
// relaunches within the last hour, carried across processes on the command line) → the one
// out-of-service notice inside the app — never a modal box and exit. Ratings are committed in
// the backend before the page is thanked, so a renderer crash never loses an acknowledged one.

export const crashPolicy = {
  /** Failures within `windowMs` that trigger a relaunch. */
  relaunchAfter: 3,
  windowMs: 10 * 60_000,
  firstDelayMs: 1_000,
  maxDelayMs: 60_000,
  /** Relaunches within `relaunchWindowMs` after which the loop is declared persistent. */
  persistentAfterRelaunches: 2,
  relaunchWindowMs: 60 * 60_000,
} as const;

/** The command-line flag carrying earlier relaunches' times (ms epoch, comma-separated). */
export const RELAUNCHES_FLAG = '--kiosk-relaunches';

export function parseRelaunches(argv: readonly string[]): number[] {
  const arg = argv.find((a) => a.startsWith(`${RELAUNCHES_FLAG}=`));
  if (arg === undefined) return [];
  return arg
    .slice(RELAUNCHES_FLAG.length + 1)
    .split(',')
    .map(Number)
    .filter((n) => Number.isSafeInteger(n) && n > 0);
}

export interface CrashRecoveryPorts {
  now: () => number;
  setTimeout: (run: () => void, ms: number) => unknown;
  /** Reload the page; `hung`: its renderer first killed (a hung one may not obey a reload). */
  reload: (hung: boolean) => void;
  /** Relaunch with these relaunch times on the command line, then exit. */
  relaunch: (relaunches: number[]) => void;
  outOfService: () => void;
  log: { warn: (fields: object, msg: string) => void; error: (fields: object, msg: string) => void };
}

export type CrashDecision = { action: 'reload'; delayMs: number } | { action: 'relaunch' } | { action: 'out-of-service' };

export function createCrashRecovery(ports: CrashRecoveryPorts, earlierRelaunches: readonly number[]) {
  let failures: number[] = [];
  let outOfService = false;
  // The reload waiting for its backoff; `hung` ones are cancelled if the page answers again.
  let pending: { hung: boolean; cancelled: boolean } | undefined;

  const decide = (at: number, recentRelaunches: readonly number[]): CrashDecision => {
    failures = [...failures.filter((t) => at - t < crashPolicy.windowMs), at];
    if (!outOfService && failures.length >= crashPolicy.relaunchAfter) {
      return recentRelaunches.length >= crashPolicy.persistentAfterRelaunches ? { action: 'out-of-service' } : { action: 'relaunch' };
    }
    const delayMs = Math.min(crashPolicy.firstDelayMs * 2 ** (failures.length - 1), crashPolicy.maxDelayMs);
    return { action: 'reload', delayMs };
  };

  /** A renderer gone ('render-process-gone' reason) or hung ('unresponsive'). */
  const onFailure = (reason: string, exitCode?: number): CrashDecision => {
    const hung = reason === 'unresponsive';
    const at = ports.now();
    const recentRelaunches = earlierRelaunches.filter((t) => at - t < crashPolicy.relaunchWindowMs);
    const decision = decide(at, recentRelaunches);
    ports.log.error({ reason, exitCode, failuresInWindow: failures.length, decision: decision.action }, 'kiosk page failed');
    if (decision.action === 'relaunch') {
      ports.relaunch([...recentRelaunches, at]);
    } else if (decision.action === 'out-of-service') {
      outOfService = true;
      ports.log.error({ incident: 'HL-PAGE-CRASH-LOOP', reason }, 'kiosk page keeps failing after relaunches: out of service');
      ports.outOfService();
    } else if (pending === undefined || pending.cancelled) {
      const reload = { hung, cancelled: false };
      pending = reload;
      ports.setTimeout(() => {
        if (pending === reload) pending = undefined;
        if (!reload.cancelled) ports.reload(reload.hung);
      }, decision.delayMs);
    } else if (!hung) {
      pending.hung = false; // it died meanwhile: the reload goes ahead whatever 'responsive' says
    }
    return decision;
  };

  /**
   * 'responsive': a page that was only slow (a long report, the first seconds after the PC
   * wakes) is not reloaded under the official's hands. It still counts as a failure.
   */
  const onResponsive = (): void => {
    if (pending?.hung === true) {
      pending.cancelled = true;
      ports.log.warn({}, 'kiosk page responsive again: reload cancelled');
    }
  };

  return { onFailure, onResponsive };
}
