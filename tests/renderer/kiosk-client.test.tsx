import { describe, expect, it, vi } from 'vitest';
import { bridgeKey, httpPath } from '../../shared/contract';
import { defaultDossierSettings } from '../../shared/dossier-code';
import { defaultOpeningHours } from '../../shared/opening-hours';
import { createKioskClient, httpTransport, loadReplySchemas, transportForThisWindow, type Transport } from '../../renderer/src/api/kiosk-client';

const replying = (call: Transport['call']): Transport => ({ call, listen: () => () => {} });

describe('kiosk client', () => {
  it('passes a well-formed reply through', async () => {
    const api = createKioskClient(replying(async () => ({ ok: true, data: { officeName: 'A', counterNumber: 1, scaleId: 'vn-4', thankYouSeconds: 5, languages: ['vi'], reasons: [], timeZone: 'Asia/Ho_Chi_Minh', reportContact: { hotline: null, place: 'Cổng Dịch vụ công quốc gia', placeEn: null }, dossier: defaultDossierSettings, openingHours: defaultOpeningHours, officer: null } })));
    expect(await api.getHomeScreen({})).toMatchObject({ ok: true, data: { scaleId: 'vn-4' } });
  });

  it('turns a reply off the contract into INTERNAL and a failed transport into UNAVAILABLE', async () => {
    expect(await createKioskClient(replying(async () => ({ ok: true, data: { scaleId: 'vn-9' } }))).getHomeScreen({})).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    });
    expect(await createKioskClient(replying(async () => Promise.reject(new Error('ECONNREFUSED')))).getHomeScreen({})).toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE', message: 'Không kết nối được với máy đánh giá.' },
    });
  });

  it('posts JSON with the bearer token to the method route', async () => {
    const fetchImpl = vi.fn(async () => new Response('{"ok":true}'));
    await httpTransport('tok', fetchImpl).call('submitRating', { scale: 'vn-3', level: 1 });
    expect(fetchImpl).toHaveBeenCalledWith(httpPath('submitRating'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer tok' },
      body: '{"scale":"vn-3","level":1}',
    });
  });

  it('uses the preload bridge when Electron put one on window', async () => {
    const getHomeScreen = vi.fn(async () => ({ ok: false, error: { code: 'INTERNAL', message: 'x' } }));
    const win = { [bridgeKey]: { getHomeScreen } } as unknown as Window;
    await transportForThisWindow(win).call('getHomeScreen', {});
    expect(getHomeScreen).toHaveBeenCalledWith({});
  });

  it('in browser mode takes the token from the URL fragment once and removes it from the address bar', () => {
    window.history.replaceState(null, '', '/#token=abc');
    transportForThisWindow(window);
    expect(window.location.hash).toBe('');
    expect(window.sessionStorage.getItem('kiosk-token')).toBe('abc');
  });

  it('parses pushed events with the lazily loaded schemas: early ones wait for them, in order; off-contract ones are dropped', async () => {
    const listeners = new Set<(name: string, payload: unknown) => void>();
    const push = (name: string, payload: unknown) => listeners.forEach((listener) => listener(name, payload));
    const api = createKioskClient({ call: async () => ({}), listen: (listener) => (listeners.add(listener), () => listeners.delete(listener)) });
    const status = (pendingCount: number) => ({ state: 'idle', pendingCount, pendingReasonAnswers: 0, oldestPendingAt: null, quarantinedCount: 0, lastSuccessAt: null, lastProblem: null, nextAttemptAt: null });
    const received: number[] = [];
    const stop = api.subscribe('syncStatusChanged', (s) => received.push(s.pendingCount));
    const ignored = vi.fn();
    const stopped = api.subscribe('shiftChanged', ignored);
    push('syncStatusChanged', status(1));
    push('syncStatusChanged', { state: 'exploded' });
    push('syncStatusChanged', status(2));
    push('shiftChanged', {});
    stopped(); // unsubscribed before its event could be parsed: never delivered
    await loadReplySchemas();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(received).toEqual([1, 2]);
    push('syncStatusChanged', status(3)); // schemas loaded: parsed and delivered at once
    expect(received).toEqual([1, 2, 3]);
    expect(ignored).not.toHaveBeenCalled();
    stop();
  });
});
