// Crash recovery (electron/shell/crash-recovery.ts) as the shell wires it, by emitting the
// renderer's failures on the stand-in: logged with the reason, reloaded with backoff (1 s, 2 s,
// 4 s…), three failures in ten minutes → relaunch, a loop that relaunching did not cure → the
// one out-of-service notice inside the app. Never a modal box and exit.
import type { RenderProcessGoneDetails } from 'electron';
import { describe, expect, it } from 'vitest';
import { ipcChannel } from '../../shared/contract';
import { crashPolicy, RELAUNCHES_FLAG } from '../../electron/shell/crash-recovery';
import { electronEvent } from '../support/electron-stand-in';
import { startTestShell } from '../support/shell-fixture';

/** A clock and timers the test moves by hand. */
function manualTime(start = Date.parse('2026-11-30T08:00:00Z')) {
  let now = start;
  let timers: { at: number; run: () => void }[] = [];
  return {
    now: () => now,
    setTimeout: (run: () => void, ms: number) => void timers.push({ at: now + ms, run }),
    advance(ms: number) {
      now += ms;
      const due = timers.filter((t) => t.at <= now);
      timers = timers.filter((t) => t.at > now);
      due.forEach((t) => t.run());
    },
  };
}

async function crashingShell(args: string[] = []) {
  const time = manualTime();
  const shell = await startTestShell({ now: time.now, setTimeout: time.setTimeout, args });
  const contents = shell.win?.webContents;
  if (contents === undefined) throw new Error('no window');
  const gone = (reason: RenderProcessGoneDetails['reason'], exitCode = 139) =>
    contents.emit('render-process-gone', electronEvent(), { reason, exitCode } satisfies RenderProcessGoneDetails);
  return { ...shell, time, contents, gone };
}

describe('crash recovery', () => {
  it('logs the reason and reloads after 1 s, then 2 s', async () => {
    const { time, contents, gone, logLines, electron } = await crashingShell();
    gone('crashed');
    time.advance(999);
    expect(contents.reloads).toBe(0);
    time.advance(1);
    expect(contents.reloads).toBe(1);
    expect(logLines().filter((l) => l.msg === 'kiosk page failed')).toMatchObject([{ reason: 'crashed', exitCode: 139, decision: 'reload' }]);
    time.advance(60_000);
    gone('oom');
    time.advance(1_999);
    expect(contents.reloads).toBe(1);
    time.advance(1);
    expect(contents.reloads).toBe(2);
    expect(electron.app.relaunches).toEqual([]);
  });

  it('counts a hung page (unresponsive) like a crash: its renderer ended, then reloaded; the kill it causes is not another failure', async () => {
    const { time, contents, win, logLines, gone } = await crashingShell();
    win?.emit('unresponsive');
    time.advance(1_000);
    expect(contents.crashesForced).toBe(1);
    expect(contents.reloads).toBe(1);
    gone('killed', 0); // what forcefullyCrashRenderer causes
    time.advance(60_000);
    expect(contents.reloads).toBe(1);
    expect(logLines().filter((l) => l.msg === 'kiosk page failed')).toMatchObject([{ reason: 'unresponsive', decision: 'reload' }]);
  });

  it('a page that answers again before the reload is left alone', async () => {
    const { time, contents, win } = await crashingShell();
    win?.emit('unresponsive');
    win?.emit('responsive');
    time.advance(60_000);
    expect(contents.reloads).toBe(0);
    expect(contents.crashesForced).toBe(0);
  });

  it('a renderer that dies after its hang is reloaded whatever a late responsive says', async () => {
    const { time, contents, win, gone } = await crashingShell();
    win?.emit('unresponsive');
    gone('crashed');
    win?.emit('responsive');
    time.advance(60_000);
    expect(contents.reloads).toBe(1);
  });

  it('three failures within ten minutes → relaunch and exit(0), the relaunch carried on the command line', async () => {
    const { time, gone, electron, argv } = await crashingShell();
    const first = time.now();
    gone('crashed');
    time.advance(4 * 60_000);
    gone('crashed');
    time.advance(4 * 60_000);
    expect(electron.app.relaunches).toEqual([]);
    gone('killed');
    expect(electron.app.relaunches).toEqual([{ args: [...argv.slice(1), `${RELAUNCHES_FLAG}=${first + 8 * 60_000}`] }]);
    expect(electron.app.exits).toEqual([0]);
  });

  it('failures further apart than ten minutes never relaunch', async () => {
    const { time, gone, electron, contents } = await crashingShell();
    for (let i = 0; i < 6; i++) {
      gone('crashed');
      time.advance(crashPolicy.windowMs / 2 + 1);
    }
    expect(electron.app.relaunches).toEqual([]);
    expect(contents.reloads).toBe(6);
  });

  it('a loop that two relaunches within the hour did not cure → the out-of-service notice inside the app, no exit', async () => {
    const now = Date.parse('2026-11-30T08:00:00Z');
    const { time, gone, electron, contents, win, logLines } = await crashingShell([`${RELAUNCHES_FLAG}=${now - 20 * 60_000},${now - 5 * 60_000}`]);
    const frame = contents.mainFrame;
    const home = () => electron.ipcMain.invoke(ipcChannel('getHomeScreen'), frame, {}, contents);
    expect(await home()).toMatchObject({ ok: true });
    gone('crashed');
    gone('crashed');
    gone('crashed');
    expect(electron.app.relaunches).toEqual([]);
    expect(electron.app.exits).toEqual([]);
    expect(await home()).toMatchObject({ ok: false, error: { code: 'OUT_OF_SERVICE', incidentCode: 'HL-PAGE-CRASH-LOOP' } });
    expect(contents.reloads).toBe(1); // the page reloaded once, at once, to show the notice
    expect(logLines().some((l) => l.incident === 'HL-PAGE-CRASH-LOOP')).toBe(true);
    // Later failures keep reloading, with a growing backoff, never a relaunch.
    gone('crashed');
    time.advance(crashPolicy.maxDelayMs);
    expect(contents.reloads).toBe(2);
    expect(electron.app.relaunches).toEqual([]);
    expect(win?.isDestroyed()).toBe(false);
  });

  it('relaunches older than an hour do not count towards a persistent loop', async () => {
    const now = Date.parse('2026-11-30T08:00:00Z');
    const { gone, electron } = await crashingShell([`${RELAUNCHES_FLAG}=${now - 3 * 60 * 60_000},${now - 2 * 60 * 60_000}`]);
    gone('crashed');
    gone('crashed');
    gone('crashed');
    expect(electron.app.relaunches).toHaveLength(1);
    expect(electron.app.relaunches[0]?.args?.at(-1)).toBe(`${RELAUNCHES_FLAG}=${now}`);
  });
});
