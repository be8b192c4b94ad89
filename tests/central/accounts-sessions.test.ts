// Issue 16, web accounts at central: sign in, who am I, sign out over real HTTP on 127.0.0.1, on
// SQLite and PostgreSQL; the per-account lockout (kept in the database, across a restart, one
// guess at a time), expiry on an injected clock, the cookie, CSRF, disabled accounts, unit
// scope and the audit. The attacks first: what someone guessing passwords or riding a session tries.
import { describe, expect, it } from 'vitest';
import { CENTRAL_NOW, manualClock, storeFactories } from '../support/central-fixture';
import { ADMIN_PASSWORD, addTestAccount, errorCode, startAccountsCentral, TestBrowser, VIEWER_PASSWORD } from '../support/account-fixture';

const MINUTE = 60_000;
const at = (clock: ReturnType<typeof manualClock>, ms: number) => clock.set(new Date(Date.parse(CENTRAL_NOW) + ms).toISOString());
const HUE = '000.00.21.H56';
const PHU_LOC = '000.00.22.H56';

describe.each(storeFactories)('web accounts and sessions on $storage', (factory) => {
  async function setUp() {
    const clock = manualClock(CENTRAL_NOW);
    const store = await factory.open({ now: clock.now });
    await addTestAccount(store, 'sonoivu', 'province-admin', [], ADMIN_PASSWORD);
    await addTestAccount(store, 'phuloc', 'unit-viewer', [PHU_LOC], VIEWER_PASSWORD);
    const central = await startAccountsCentral(store, clock.now);
    return { clock, store, central };
  }

  it('signs in, says who is signed in, signs out; the audit has each step with the address', async () => {
    const { store, central } = await setUp();
    const browser = new TestBrowser(central.url);
    expect(errorCode(await browser.whoAmI())).toBe('SIGN_IN_REQUIRED');

    const signedIn = await browser.signIn('PhuLoc', VIEWER_PASSWORD);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toEqual({ username: 'phuloc', role: 'unit-viewer', units: [PHU_LOC], expiresAt: '2026-11-23T14:20:00.412Z' });
    expect(await browser.whoAmI()).toMatchObject({ status: 200, body: { username: 'phuloc', role: 'unit-viewer', units: [PHU_LOC] } });

    expect((await browser.signOut()).status).toBe(204);
    expect(browser.cookie).toBeUndefined();
    expect(errorCode(await browser.whoAmI())).toBe('SIGN_IN_REQUIRED');

    const audit = await store.accounts.auditEntries('phuloc');
    expect(audit.map((e) => [e.event, e.actor, e.address])).toEqual([
      ['account-added', 'kiểm thử', null],
      ['sign-in', 'phuloc', '127.0.0.1'],
      ['sign-out', 'phuloc', '127.0.0.1'],
    ]);
  });

  it('a session lives in the database: made on one central instance, it works on and ends from another', async () => {
    const { clock, store, central } = await setUp();
    const second = await startAccountsCentral(store, clock.now);
    const onFirst = new TestBrowser(central.url);
    await onFirst.signIn('sonoivu', ADMIN_PASSWORD);
    const onSecond = new TestBrowser(second.url);
    onSecond.cookie = onFirst.cookie;
    expect((await onSecond.whoAmI()).body).toMatchObject({ username: 'sonoivu' });
    expect((await onSecond.signOut()).status).toBe(204);
    expect(errorCode(await onFirst.whoAmI())).toBe('SIGN_IN_REQUIRED');
  });

  it('an old cookie replayed after sign-out is refused: the session is gone from the database', async () => {
    const { central } = await setUp();
    const browser = new TestBrowser(central.url);
    await browser.signIn('sonoivu', ADMIN_PASSWORD);
    const stolen = browser.cookie;
    await browser.signOut();
    const thief = new TestBrowser(central.url);
    thief.cookie = stolen;
    expect(errorCode(await thief.whoAmI())).toBe('SIGN_IN_REQUIRED');
  });

  it('a wrong password and an unknown username get the same answer, and both are audited', async () => {
    const { store, central } = await setUp();
    const browser = new TestBrowser(central.url);
    const wrong = await browser.signIn('sonoivu', 'not the password at all');
    const unknown = await browser.signIn('nobody-here', 'not the password at all');
    for (const answer of [wrong, unknown]) {
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({ error: { code: 'SIGN_IN_FAILED', message: 'Tên đăng nhập hoặc mật khẩu không đúng.' } });
      expect(answer.setCookie).toBeNull();
    }
    expect((await store.accounts.auditEntries()).filter((e) => e.event === 'sign-in-failed').map((e) => [e.username, e.detail])).toEqual([
      ['sonoivu', null],
      ['nobody-here', 'không có tài khoản này'],
    ]);
  });

  it('a password typed into the username field stays out of the log (the audit, for admins, keeps it)', async () => {
    const { store, central } = await setUp();
    const browser = new TestBrowser(central.url);
    const misplaced = 'mat-khau-cua-toi-2026';
    await browser.signIn(misplaced, 'sonoivu');
    for (let i = 0; i < 5; i++) await browser.signIn(misplaced, 'sonoivu');
    expect(JSON.stringify(central.logLines())).not.toContain(misplaced);
    expect(central.logLines().filter((l) => l.msg === 'sign-in refused unchecked').map((l) => l.username)).toEqual(['(tên không có tài khoản)']);
    expect((await store.accounts.auditEntries(misplaced)).map((e) => e.event)).toEqual([
      'sign-in-failed', 'sign-in-failed', 'sign-in-failed', 'sign-in-failed', 'sign-in-failed', 'locked', 'sign-in-locked',
    ]);
  });

  it('locks an account after 5 wrong passwords, even against the right one, across a restart; the wait grows', async () => {
    const { clock, store, central } = await setUp();
    const browser = new TestBrowser(central.url);
    for (let i = 1; i <= 4; i++) expect((await browser.signIn('sonoivu', `sai lần ${i} rồi`)).body).toMatchObject({ error: { code: 'SIGN_IN_FAILED' } });
    const fifth = await browser.signIn('sonoivu', 'sai lần 5 rồi');
    expect(fifth.body).toMatchObject({ error: { code: 'SIGN_IN_FAILED', retryAt: '2026-11-23T02:21:00.412Z' } });

    // The server restarts: the lockout is in the database, not in its memory.
    await central.close();
    const restarted = await startAccountsCentral(store, clock.now);
    const again = new TestBrowser(restarted.url);
    const refused = await again.signIn('sonoivu', ADMIN_PASSWORD);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ error: { code: 'ACCOUNT_LOCKED', retryAt: '2026-11-23T02:21:00.412Z' } });
    expect(refused.headers.get('retry-after')).toBe('60');

    // After the minute: one more wrong guess doubles the wait; the right one then waits it out.
    at(clock, MINUTE);
    expect((await again.signIn('sonoivu', 'sai lần 6 rồi')).body).toMatchObject({ error: { code: 'SIGN_IN_FAILED', retryAt: '2026-11-23T02:23:00.412Z' } });
    at(clock, 2 * MINUTE);
    expect(errorCode(await again.signIn('sonoivu', ADMIN_PASSWORD))).toBe('ACCOUNT_LOCKED');
    at(clock, 3 * MINUTE);
    expect((await again.signIn('sonoivu', ADMIN_PASSWORD)).status).toBe(200);
    // The right password ended the run: five free tries again.
    expect((await store.accounts.listAccounts()).find((a) => a.username === 'sonoivu')?.failures).toBe(0);

    const events = (await store.accounts.auditEntries('sonoivu')).map((e) => e.event);
    expect(events).toEqual([
      'account-added', 'sign-in-failed', 'sign-in-failed', 'sign-in-failed', 'sign-in-failed', 'sign-in-failed', 'locked',
      'sign-in-locked', 'sign-in-failed', 'locked', 'sign-in-locked', 'sign-in',
    ]);
  });

  it('spraying one account between right sign-ins of another does not reset the sprayed account', async () => {
    const { store, central } = await setUp();
    const attacker = new TestBrowser(central.url);
    for (let i = 1; i <= 5; i++) {
      expect((await attacker.signIn('sonoivu', `đoán thử ${i} lần`)).status).toBe(401);
      // The attacker's own account (a unit viewer) signs in rightly in between.
      expect((await attacker.signIn('phuloc', VIEWER_PASSWORD)).status).toBe(200);
    }
    expect(errorCode(await attacker.signIn('sonoivu', ADMIN_PASSWORD))).toBe('ACCOUNT_LOCKED');
    // Nobody else is locked by it.
    expect((await new TestBrowser(central.url).signIn('phuloc', VIEWER_PASSWORD)).status).toBe(200);
    const accounts = await store.accounts.listAccounts();
    expect(accounts.map((a) => [a.username, a.failures])).toEqual([['phuloc', 0], ['sonoivu', 5]]);
  });

  it('evaluates concurrent guesses at one account one at a time: 12 at once use exactly the 5 free tries', async () => {
    const { store, central } = await setUp();
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => new TestBrowser(central.url).signIn('sonoivu', `song song ${i} lần`)));
    const codes = answers.map(errorCode);
    expect(codes.filter((c) => c === 'SIGN_IN_FAILED')).toHaveLength(5);
    expect(codes.filter((c) => c === 'ACCOUNT_LOCKED')).toHaveLength(7);
    expect((await store.accounts.listAccounts()).find((a) => a.username === 'sonoivu')?.failures).toBe(5);
    expect((await store.accounts.auditEntries('sonoivu')).filter((e) => e.event === 'locked')).toHaveLength(1);
  });

  it('ends a session after 30 idle minutes, and an active one 12 hours after sign-in', async () => {
    const { clock, central } = await setUp();
    const idle = new TestBrowser(central.url);
    await idle.signIn('phuloc', VIEWER_PASSWORD);
    at(clock, 29 * MINUTE);
    expect((await idle.whoAmI()).status).toBe(200);
    at(clock, 29 * MINUTE + 30 * MINUTE);
    expect(errorCode(await idle.whoAmI())).toBe('SIGN_IN_REQUIRED');

    at(clock, 0);
    const busy = new TestBrowser(central.url);
    await busy.signIn('phuloc', VIEWER_PASSWORD);
    for (let minute = 20; minute < 12 * 60; minute += 20) {
      at(clock, minute * MINUTE);
      expect((await busy.whoAmI()).status, `minute ${minute}`).toBe(200);
    }
    at(clock, 12 * 60 * MINUTE);
    expect(errorCode(await busy.whoAmI())).toBe('SIGN_IN_REQUIRED');
  });

  it("a disabled account's session ends at once, and its right password then gets ACCOUNT_DISABLED", async () => {
    const { store, central } = await setUp();
    const browser = new TestBrowser(central.url);
    await browser.signIn('phuloc', VIEWER_PASSWORD);
    const audit = { at: CENTRAL_NOW, event: 'account-disabled' as const, username: 'phuloc', actor: 'dòng lệnh (kiểm thử)', address: null, detail: null };
    expect(await store.accounts.disableAccount('phuloc', audit)).toBe(true);
    expect(errorCode(await browser.whoAmI())).toBe('SIGN_IN_REQUIRED');
    const again = await browser.signIn('phuloc', VIEWER_PASSWORD);
    expect(again.status).toBe(403);
    expect(errorCode(again)).toBe('ACCOUNT_DISABLED');
    expect((await store.accounts.auditEntries('phuloc')).map((e) => e.event)).toEqual(['account-added', 'sign-in', 'account-disabled', 'sign-in-disabled']);
  });

  it('a unit viewer is refused another unit; a province admin sees every unit; nobody signed in sees none', async () => {
    const { central } = await setUp();
    const viewer = new TestBrowser(central.url);
    await viewer.signIn('phuloc', VIEWER_PASSWORD);
    expect(await viewer.request('GET', `/api/v1/session/units/${PHU_LOC}/check`)).toMatchObject({ status: 200, body: { unit: PHU_LOC, allowed: true } });
    const other = await viewer.request('GET', `/api/v1/session/units/${HUE}/check`);
    expect(other.status).toBe(403);
    expect(errorCode(other)).toBe('FORBIDDEN');

    const admin = new TestBrowser(central.url);
    await admin.signIn('sonoivu', ADMIN_PASSWORD);
    expect((await admin.request('GET', `/api/v1/session/units/${HUE}/check`)).status).toBe(200);
    expect(errorCode(await new TestBrowser(central.url).request('GET', `/api/v1/session/units/${HUE}/check`))).toBe('SIGN_IN_REQUIRED');
  });

  it('a session cookie is no admin token: the admin API still wants its bearer token', async () => {
    const { central } = await setUp();
    const admin = new TestBrowser(central.url);
    await admin.signIn('sonoivu', ADMIN_PASSWORD);
    expect((await admin.request('GET', '/api/v1/devices')).status).toBe(401);
  });
});
