// The display kept awake only within the opening hours (issue 15). Electron's
// powerSaveBlocker('prevent-display-sleep') is started when the section opens and stopped when it
// closes, so at night, over lunch and on holidays the OS's own display sleep applies (a touch
// still wakes it, as any input does). The one rule (shared/opening-hours-rule.ts) decides, in the
// kiosk's zone; one timer waits for its next change, never longer than a minute, so a clock set
// forward or back and hours changed by a provisioning file are picked up within a minute; a save
// on the setup screen re-evaluates at once (start-shell.ts).
// Hours that cannot be read (the kiosk out of service): awake, as before opening hours existed —
// the out-of-service notice must stay readable.
import type { PowerSaveBlocker } from 'electron';
import { openingStateAt, type OpeningHours } from '../../shared/opening-hours-rule';
import type { Logger } from '../backend/logger';

export const KEEP_AWAKE_RECHECK_MS = 60_000;

export interface KeepAwakeOptions {
  powerSaveBlocker: Pick<PowerSaveBlocker, 'start' | 'stop'>;
  /** The hours in force and the kiosk's zone (read through the backend); undefined when unknown. */
  readHours: () => Promise<{ openingHours: OpeningHours; timeZone: string } | undefined>;
  now: () => number;
  setTimeout: (run: () => void, ms: number) => unknown;
  log: Pick<Logger, 'info' | 'warn'>;
}

export function createKeepAwake(options: KeepAwakeOptions) {
  let blocker: number | undefined;
  /** Each evaluation supersedes the earlier ones: only the newest timer chain goes on. */
  let generation = 0;
  let stopped = false;

  const apply = (awake: boolean) => {
    if (awake && blocker === undefined) {
      blocker = options.powerSaveBlocker.start('prevent-display-sleep');
      options.log.info('display kept awake (within opening hours)');
    } else if (!awake && blocker !== undefined) {
      options.powerSaveBlocker.stop(blocker);
      blocker = undefined;
      options.log.info('display may sleep (outside opening hours)');
    }
  };

  const evaluate = async (): Promise<void> => {
    if (stopped) return;
    generation += 1;
    const mine = generation;
    let hours: Awaited<ReturnType<KeepAwakeOptions['readHours']>>;
    try {
      hours = await options.readHours();
    } catch (error) {
      options.log.warn({ err: error }, 'opening hours could not be read: display kept awake');
      hours = undefined;
    }
    if (mine !== generation || stopped) return;
    const state = hours === undefined ? undefined : openingStateAt(hours.openingHours, new Date(options.now()), hours.timeZone);
    apply(state?.open ?? true);
    const untilChange = state?.nextChange == null ? KEEP_AWAKE_RECHECK_MS : state.nextChange.getTime() - options.now();
    options.setTimeout(
      () => {
        if (mine === generation) void evaluate();
      },
      Math.max(0, Math.min(untilChange, KEEP_AWAKE_RECHECK_MS)),
    );
  };

  /** Quitting: no more timers (the blocker ends with the process). */
  const stop = () => {
    stopped = true;
    generation += 1;
  };

  return { evaluate, stop, isAwake: () => blocker !== undefined };
}
