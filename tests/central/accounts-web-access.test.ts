// Issue 16: what the browser is told and what it must send. The session cookie's attributes over
// plain HTTP, over HTTPS through the trusted reverse proxy, and with a forged X-Forwarded-Proto
// from anyone else; CSRF (a state-changing request from another origin, or without one, is
// refused before anything happens); the sign-in rate limit per address. The HTTP layer only: one store.
import { describe, expect, it } from 'vitest';
import { webAccessFromEnv } from '../../central/accounts/web-access';
import { CENTRAL_NOW, manualClock, sqliteStores } from '../support/central-fixture';
import type { FastifyInstance } from 'fastify';
import { ADMIN_PASSWORD, addTestAccount, errorCode, startAccountsCentral, TestBrowser, VIEWER_PASSWORD } from '../support/account-fixture';
import type { WebAccess } from '../../central/accounts/web-access';
import type { RateLimits } from '../../central/rate-limits';

async function setUp(webAccess?: WebAccess, rateLimits?: Partial<RateLimits>, routes?: (server: FastifyInstance) => void) {
  const clock = manualClock(CENTRAL_NOW);
  const store = await sqliteStores.open({ now: clock.now });
  await addTestAccount(store, 'sonoivu', 'province-admin', [], ADMIN_PASSWORD);
  await addTestAccount(store, 'phuloc', 'unit-viewer', ['000.00.22.H56'], VIEWER_PASSWORD);
  const central = await startAccountsCentral(store, clock.now, { ...(webAccess ? { webAccess } : {}), ...(rateLimits ? { rateLimits } : {}), ...(routes ? { routes } : {}) });
  return { store, central };
}

const attributes = (setCookie: string | null) => (setCookie ?? '').split(';').slice(1).map((a) => a.trim()).sort();

describe('the session cookie', () => {
  it('over plain HTTP: HttpOnly, SameSite=Strict, Path=/, not Secure, no lifetime of its own', async () => {
    const { central } = await setUp();
    const answer = await new TestBrowser(central.url).signIn('sonoivu', ADMIN_PASSWORD);
    expect(answer.setCookie).toMatch(/^hl_session=[A-Za-z0-9_-]{43};/);
    expect(attributes(answer.setCookie)).toEqual(['HttpOnly', 'Path=/', 'SameSite=Strict']);
  });

  it('behind the trusted HTTPS proxy: Secure and __Host- prefixed, and that cookie is the one read back', async () => {
    const { central } = await setUp({ publicOrigin: 'https://danhgia.example.gov.vn', trustedProxies: ['127.0.0.1'] });
    const browser = new TestBrowser(central.url, 'https://danhgia.example.gov.vn', { 'x-forwarded-proto': 'https' });
    const answer = await browser.signIn('sonoivu', ADMIN_PASSWORD);
    expect(answer.status).toBe(200);
    expect(answer.setCookie).toMatch(/^__Host-hl_session=/);
    expect(attributes(answer.setCookie)).toEqual(['HttpOnly', 'Path=/', 'SameSite=Strict', 'Secure']);
    expect((await browser.whoAmI()).status).toBe(200);
    // The same cookie over plain HTTP (a downgrade) is not a session.
    const downgraded = new TestBrowser(central.url, 'https://danhgia.example.gov.vn');
    downgraded.cookie = browser.cookie;
    expect(errorCode(await downgraded.whoAmI())).toBe('SIGN_IN_REQUIRED');
    // Sign-out clears the Secure cookie.
    const out = await browser.signOut();
    expect(out.setCookie).toMatch(/^__Host-hl_session=; Max-Age=0;.*Secure/);
  });

  it('X-Forwarded-Proto from an address that is not the trusted proxy is ignored: no Secure cookie', async () => {
    const { central } = await setUp({ publicOrigin: null, trustedProxies: ['10.9.8.7'] });
    const answer = await new TestBrowser(central.url, central.url, { 'x-forwarded-proto': 'https' }).signIn('sonoivu', ADMIN_PASSWORD);
    expect(answer.status).toBe(200);
    expect(answer.setCookie).toMatch(/^hl_session=/);
    expect(attributes(answer.setCookie)).not.toContain('Secure');
  });

  it('X-Forwarded-For is believed from the trusted proxy only: the audit names the browser behind it', async () => {
    const { store, central } = await setUp({ publicOrigin: null, trustedProxies: ['127.0.0.1'] });
    await new TestBrowser(central.url, central.url, { 'x-forwarded-for': '203.0.113.9' }).signIn('sonoivu', ADMIN_PASSWORD);
    const untrusted = await setUp({ publicOrigin: null, trustedProxies: ['10.9.8.7'] });
    await new TestBrowser(untrusted.central.url, untrusted.central.url, { 'x-forwarded-for': '203.0.113.9' }).signIn('sonoivu', ADMIN_PASSWORD);
    expect((await store.accounts.auditEntries('sonoivu')).at(-1)?.address).toBe('203.0.113.9');
    expect((await untrusted.store.accounts.auditEntries('sonoivu')).at(-1)?.address).toBe('127.0.0.1');
  });
});

describe('CSRF', () => {
  it('refuses a sign-in from another origin, or without Origin and Referer, before checking anything', async () => {
    const { store, central } = await setUp();
    const foreign = await new TestBrowser(central.url, 'https://evil.example').signIn('sonoivu', ADMIN_PASSWORD);
    expect(foreign.status).toBe(403);
    expect(foreign.body).toMatchObject({ error: { code: 'ORIGIN_REFUSED', message: 'Yêu cầu không đến từ trang của máy chủ trung tâm nên bị từ chối.' } });
    expect(foreign.setCookie).toBeNull();
    expect(errorCode(await new TestBrowser(central.url, null).signIn('sonoivu', ADMIN_PASSWORD))).toBe('ORIGIN_REFUSED');
    // A Referer from our own page is enough for a browser that sends no Origin; a foreign one is not.
    expect((await new TestBrowser(central.url, null, { referer: `${central.url}/dang-nhap` }).signIn('sonoivu', ADMIN_PASSWORD)).status).toBe(200);
    expect(errorCode(await new TestBrowser(central.url, null, { referer: 'https://evil.example/x' }).signIn('sonoivu', ADMIN_PASSWORD))).toBe('ORIGIN_REFUSED');
    // Refused sign-ins were never checked: no audit row, no failure counted.
    expect((await store.accounts.auditEntries('sonoivu')).map((e) => e.event)).toEqual(['account-added', 'sign-in']);
  });

  it('refuses a sign-out riding the session cookie from another origin: the session lives on', async () => {
    const { central } = await setUp();
    const browser = new TestBrowser(central.url);
    await browser.signIn('sonoivu', ADMIN_PASSWORD);
    const forged = new TestBrowser(central.url, 'http://127.0.0.1.evil.example');
    forged.cookie = browser.cookie;
    expect(errorCode(await forged.signOut())).toBe('ORIGIN_REFUSED');
    expect((await browser.whoAmI()).status).toBe(200);
  });

  it('with a public origin configured, only that origin may change state (not the Host the request names)', async () => {
    const { central } = await setUp({ publicOrigin: 'https://danhgia.example.gov.vn', trustedProxies: [] });
    expect(errorCode(await new TestBrowser(central.url).signIn('sonoivu', ADMIN_PASSWORD))).toBe('ORIGIN_REFUSED');
    expect((await new TestBrowser(central.url, 'https://danhgia.example.gov.vn').signIn('sonoivu', ADMIN_PASSWORD)).status).toBe(200);
  });

  it('a sign-in that is not JSON (a cross-site form) is refused', async () => {
    const { central } = await setUp();
    const form = await fetch(`${central.url}/api/v1/session`, {
      method: 'POST',
      headers: { origin: central.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: `username=sonoivu&password=${encodeURIComponent(ADMIN_PASSWORD)}`,
    });
    expect(form.status).toBeGreaterThanOrEqual(400);
    expect(form.headers.get('set-cookie')).toBeNull();
  });
});

describe('sign-in rate limit per address', () => {
  it('counts sign-ins from one address whatever the account, before any password is checked', async () => {
    const { store, central } = await setUp(undefined, { signInsPerAddressPerMinute: 3 });
    const browser = new TestBrowser(central.url);
    for (const name of ['a-one', 'b-two', 'c-three']) expect((await browser.signIn(name, 'không phải mật khẩu')).status).toBe(401);
    const limited = await browser.signIn('sonoivu', ADMIN_PASSWORD);
    expect(limited.status).toBe(429);
    expect(errorCode(limited)).toBe('RATE_LIMITED');
    expect((await store.accounts.auditEntries('sonoivu')).map((e) => e.event)).toEqual(['account-added']);
  });
});

describe('web access settings from the environment', () => {
  it('reads the public origin and trusted proxies, and refuses what it cannot use', () => {
    expect(webAccessFromEnv({})).toEqual({ publicOrigin: null, trustedProxies: [] });
    expect(webAccessFromEnv({ CENTRAL_PUBLIC_ORIGIN: 'https://danhgia.example.gov.vn/', CENTRAL_TRUSTED_PROXIES: '127.0.0.1, 10.0.0.0/8,::1' })).toEqual({
      publicOrigin: 'https://danhgia.example.gov.vn',
      trustedProxies: ['127.0.0.1', '10.0.0.0/8', '::1'],
    });
    expect(() => webAccessFromEnv({ CENTRAL_PUBLIC_ORIGIN: 'https://danhgia.example.gov.vn/dashboard' })).toThrow('CENTRAL_PUBLIC_ORIGIN');
    expect(() => webAccessFromEnv({ CENTRAL_PUBLIC_ORIGIN: 'ftp://x.example' })).toThrow('CENTRAL_PUBLIC_ORIGIN');
    expect(() => webAccessFromEnv({ CENTRAL_TRUSTED_PROXIES: 'proxy.local' })).toThrow('không phải địa chỉ IP hoặc dải CIDR');
    expect(() => webAccessFromEnv({ CENTRAL_TRUSTED_PROXIES: '10.0.0.0/33' })).toThrow('CENTRAL_TRUSTED_PROXIES');
  });
});

describe('requireAccount, as later dashboard routes use it', () => {
  /** Two routes a dashboard part might add: an admin-only change, and a unit's page. */
  const dashboardRoutes = (server: FastifyInstance) => {
    server.post('/api/v1/test/province-setting', { preHandler: server.accounts.requireAccount({ role: 'province-admin' }) }, async (request, reply) =>
      reply.send({ changedBy: server.accounts.signedIn(request).username }),
    );
    server.get<{ Params: { code: string } }>(
      '/api/v1/test/units/:code',
      { preHandler: server.accounts.requireAccount({ unit: (request) => (request.params as { code: string }).code }) },
      async (request, reply) => reply.send({ unit: request.params.code, viewer: server.accounts.signedIn(request).username }),
    );
  };

  it('answers 401 without a session, 403 FORBIDDEN for the wrong role or unit, and lets the right account through', async () => {
    const { central } = await setUp(undefined, undefined, dashboardRoutes);
    const stranger = new TestBrowser(central.url);
    expect(errorCode(await stranger.request('POST', '/api/v1/test/province-setting', {}))).toBe('SIGN_IN_REQUIRED');

    const viewer = new TestBrowser(central.url);
    await viewer.signIn('phuloc', VIEWER_PASSWORD);
    const refused = await viewer.request('POST', '/api/v1/test/province-setting', {});
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: { code: 'FORBIDDEN', message: 'Tài khoản này không có quyền xem nội dung này.' } });
    expect((await viewer.request('GET', '/api/v1/test/units/000.00.22.H56')).body).toEqual({ unit: '000.00.22.H56', viewer: 'phuloc' });
    expect(errorCode(await viewer.request('GET', '/api/v1/test/units/000.00.21.H56'))).toBe('FORBIDDEN');

    const admin = new TestBrowser(central.url);
    await admin.signIn('sonoivu', ADMIN_PASSWORD);
    expect((await admin.request('POST', '/api/v1/test/province-setting', {})).body).toEqual({ changedBy: 'sonoivu' });
    expect((await admin.request('GET', '/api/v1/test/units/000.00.21.H56')).status).toBe(200);
  });

  it('checks the origin of a state-changing request before the session: a forged POST with the admin cookie does nothing', async () => {
    const { central } = await setUp(undefined, undefined, dashboardRoutes);
    const admin = new TestBrowser(central.url);
    await admin.signIn('sonoivu', ADMIN_PASSWORD);
    const forged = new TestBrowser(central.url, 'https://evil.example');
    forged.cookie = admin.cookie;
    expect(errorCode(await forged.request('POST', '/api/v1/test/province-setting', {}))).toBe('ORIGIN_REFUSED');
    // A read is not state-changing: the origin is not asked (SameSite=Strict keeps the cookie off cross-site reads).
    expect((await forged.request('GET', '/api/v1/test/units/000.00.21.H56')).status).toBe(200);
  });
});
