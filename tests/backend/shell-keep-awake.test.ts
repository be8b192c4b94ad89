// Issue 15: the display kept awake only within the opening hours, in the Electron shell. The
// module (electron/shell/keep-awake.ts) against the stand-in's powerSaveBlocker with an injected
// clock and captured timers (inside, outside, across each boundary, the clock changed, the hours
// unreadable); and the real start-up (`startShell`) with the kiosk backend: awake on a Monday
// morning, not on a Saturday, and a save of new hours on the setup screen applied at once.
import { describe, expect, it } from 'vitest';
import { ipcChannel } from '../../shared/contract';
import { defaultOpeningHours } from '../../shared/opening-hours';
import type { OpeningHours } from '../../shared/opening-hours-rule';
import type { KioskBackend } from '../../electron/backend/kiosk-backend';
import { createKeepAwake, KEEP_AWAKE_RECHECK_MS } from '../../electron/shell/keep-awake';
import { capturingLogger } from '../support/backend-fixture';
import { StandInPowerSaveBlocker } from '../support/electron-stand-in';
import { itAdminSession, validSettings } from '../support/it-admin-fixture';
import { startTestShell } from '../support/shell-fixture';

const VN = 'Asia/Ho_Chi_Minh';
const local = (t: string) => Date.parse(`${t}+07:00`);

/** The module with a manual clock whose timers run only when the test moves the clock. */
function keepAwakeAt(start: string, hours: () => OpeningHours | undefined | Error = () => defaultOpeningHours) {
  let now = local(start);
  let timers: { at: number; run: () => void }[] = [];
  const blocker = new StandInPowerSaveBlocker();
  const { log, lines } = capturingLogger();
  const keepAwake = createKeepAwake({
    powerSaveBlocker: blocker,
    readHours: () => {
      const h = hours();
      return h instanceof Error ? Promise.reject(h) : Promise.resolve(h === undefined ? undefined : { openingHours: h, timeZone: VN });
    },
    now: () => now,
    setTimeout: (run, ms) => timers.push({ at: now + ms, run }),
    log,
  });
  /** Moves the clock to `t`, running each timer due on the way, in order. */
  const moveTo = async (t: string) => {
    const target = local(t);
    for (;;) {
      const due = timers.filter((x) => x.at <= target).sort((a, b) => a.at - b.at)[0];
      if (due === undefined) break;
      timers = timers.filter((x) => x !== due);
      now = due.at;
      due.run();
      await new Promise((r) => setImmediate(r));
    }
    now = target;
  };
  return { keepAwake, blocker, moveTo, lines, timers: () => timers, setNow: (t: string) => (now = local(t)) };
}

describe('keep-awake against the stand-in, with an injected clock', () => {
  it('inside the hours: the display blocker is on; outside: off', async () => {
    const inside = keepAwakeAt('2026-11-23T09:00:00');
    await inside.keepAwake.evaluate();
    expect(inside.blocker.started).toEqual(['prevent-display-sleep']);
    expect(inside.blocker.active.size).toBe(1);
    const outside = keepAwakeAt('2026-11-28T09:00:00'); // Saturday
    await outside.keepAwake.evaluate();
    expect(outside.blocker.started).toEqual([]);
  });

  it('across each boundary of the day: stopped at 11:30, started at 13:00, stopped at 17:00, started next morning at 07:00', async () => {
    const k = keepAwakeAt('2026-11-23T11:29:00');
    await k.keepAwake.evaluate();
    const awake: [string, boolean][] = [];
    for (const t of ['2026-11-23T11:29:59.999', '2026-11-23T11:30:00', '2026-11-23T12:59:59.999', '2026-11-23T13:00:00', '2026-11-23T16:59:59.999', '2026-11-23T17:00:00', '2026-11-24T06:59:59.999', '2026-11-24T07:00:00']) {
      await k.moveTo(t);
      awake.push([t, k.keepAwake.isAwake()]);
    }
    expect(awake.map(([, a]) => a)).toEqual([true, false, false, true, true, false, false, true]);
    // One blocker at a time: each start matched by one stop of that blocker.
    expect(k.blocker.started).toHaveLength(3);
    expect(k.blocker.stopped).toEqual([1, 2]);
    expect(k.blocker.active).toEqual(new Set([3]));
    // Waiting never more than a minute (a changed clock is noticed), and one chain of timers only.
    expect(k.timers()).toHaveLength(1);
    expect((k.timers()[0]?.at ?? 0) - local('2026-11-24T07:00:00')).toBeLessThanOrEqual(KEEP_AWAKE_RECHECK_MS);
  });

  it('new hours (settings changed) take effect at the next evaluation; the superseded timer does nothing', async () => {
    let hours: OpeningHours = defaultOpeningHours;
    const k = keepAwakeAt('2026-11-28T09:00:00', () => hours); // Saturday
    await k.keepAwake.evaluate();
    expect(k.keepAwake.isAwake()).toBe(false);
    hours = { ...defaultOpeningHours, week: { ...defaultOpeningHours.week, sat: [{ from: '07:30', to: '11:30' }] } };
    await k.keepAwake.evaluate(); // what start-shell does after a save
    expect(k.keepAwake.isAwake()).toBe(true);
    expect(k.timers()).toHaveLength(2);
    await k.moveTo('2026-11-28T09:01:00');
    expect(k.blocker.started).toHaveLength(1);
    // Hours changed behind the shell's back (a provisioning file): noticed within a minute.
    hours = defaultOpeningHours;
    await k.moveTo('2026-11-28T09:02:00');
    expect(k.keepAwake.isAwake()).toBe(false);
  });

  it('quitting ends the timer chain (no evaluation after stop)', async () => {
    const k = keepAwakeAt('2026-11-23T11:29:00');
    await k.keepAwake.evaluate();
    k.keepAwake.stop();
    await k.moveTo('2026-11-23T13:30:00');
    expect(k.timers()).toEqual([]);
    expect(k.blocker.stopped).toEqual([]);
  });

  it('a clock set forward is noticed within a minute', async () => {
    const k = keepAwakeAt('2026-11-23T12:00:00');
    await k.keepAwake.evaluate();
    expect(k.keepAwake.isAwake()).toBe(false);
    k.setNow('2026-11-23T14:00:00');
    await k.moveTo('2026-11-23T14:01:00');
    expect(k.keepAwake.isAwake()).toBe(true);
  });

  it('hours that cannot be read (out of service, a failing read): awake, and said in the log', async () => {
    const unknown = keepAwakeAt('2026-11-28T09:00:00', () => undefined);
    await unknown.keepAwake.evaluate();
    expect(unknown.keepAwake.isAwake()).toBe(true);
    const failing = keepAwakeAt('2026-11-28T09:00:00', () => new Error('disk gone'));
    await failing.keepAwake.evaluate();
    expect(failing.keepAwake.isAwake()).toBe(true);
    expect(failing.lines().some((l) => l.msg === 'opening hours could not be read: display kept awake')).toBe(true);
  });
});

describe('keep-awake in the real start-up (startShell with the kiosk backend)', () => {
  const timers: (() => void)[] = [];
  const hold = (run: () => void) => timers.push(run);

  it('a Monday morning: kept awake; a Saturday: not', async () => {
    const monday = await startTestShell({ now: () => local('2026-11-23T09:00:00'), setTimeout: hold });
    expect(monday.electron.powerSaveBlocker.active.size).toBe(1);
    const saturday = await startTestShell({ now: () => local('2026-11-28T09:00:00'), setTimeout: hold });
    expect(saturday.electron.powerSaveBlocker.started).toEqual([]);
  });

  it('out of service (secrets would be unprotected: no backend) on a Saturday: kept awake, the notice stays readable', async () => {
    const shell = await startTestShell({ encryptionAvailable: false, now: () => local('2026-11-28T09:00:00'), setTimeout: hold });
    expect(shell.opened).toHaveLength(0);
    expect(shell.electron.powerSaveBlocker.active.size).toBe(1);
  });

  it('IT saves Saturday hours on the setup screen: the display is kept awake at once', async () => {
    const shell = await startTestShell({ now: () => local('2026-11-28T09:00:00'), setTimeout: hold });
    const win = shell.win;
    if (win === undefined) throw new Error('no window');
    itAdminSession(shell.opened[0] as KioskBackend);
    const saturday = { ...defaultOpeningHours, week: { ...defaultOpeningHours.week, sat: [{ from: '07:30', to: '11:30' }] } };
    const reply = (await shell.electron.ipcMain.invoke(ipcChannel('saveDeviceSettings'), win.webContents.mainFrame, validSettings({ openingHours: saturday }), win.webContents)) as { ok: boolean };
    expect(reply.ok).toBe(true);
    await new Promise((r) => setImmediate(r));
    expect(shell.electron.powerSaveBlocker.active.size).toBe(1);
  });
});
