// Issue 16, central's web page as served by `serve`: the page at `/` with a strict CSP, a view's
// own path falling back to index.html only for a browser's navigation (never under /api/, never
// for a POST, never a file outside the folder), the API's routes unchanged; and the unit
// directory opened to a signed-in province admin — not to a unit viewer, not to a stranger,
// the admin token still working, and a wrong token not rescued by a cookie.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CENTRAL_PAGE_CSP, provinceNameFromEnv } from '../../central/web-page';
import { directoryResponseSchema } from '../../shared/central-directory';
import { ADMIN_PASSWORD, addTestAccount, errorCode, startAccountsCentral, TestBrowser, VIEWER_PASSWORD } from '../support/account-fixture';
import { sqliteStores, storeFactories, tempDir } from '../support/central-fixture';

const now = () => new Date('2026-11-29T08:00:00.000Z');
const INDEX = '<!doctype html><html lang="vi"><head><script type="module" src="/assets/app.js"></script></head><body><div id="root"></div></body></html>';

/** A built page in miniature: what Vite writes (index.html, assets/), plus a dotfile that must stay private. */
function pageDir(): string {
  const dir = join(tempDir(), 'central-web');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), INDEX);
  writeFileSync(join(dir, 'assets', 'app.js'), 'export {};\n');
  writeFileSync(join(dir, '.secret'), 'not for the web\n');
  return dir;
}

async function get(url: string, accept: string): Promise<{ status: number; type: string | null; body: string; headers: Headers }> {
  const response = await fetch(url, { headers: { accept } });
  return { status: response.status, type: response.headers.get('content-type'), body: await response.text(), headers: response.headers };
}

const HTML = 'text/html,application/xhtml+xml,*/*;q=0.8';

describe('the page served at /', () => {
  it('serves index.html and its assets with the CSP, nosniff, Referrer-Policy and no framing', async () => {
    const store = await sqliteStores.open();
    const central = await startAccountsCentral(store, now, { webPageDir: pageDir() });
    const page = await get(`${central.url}/`, HTML);
    expect(page.status).toBe(200);
    expect(page.type).toMatch(/^text\/html/);
    expect(page.body).toBe(INDEX);
    expect(page.headers.get('content-security-policy')).toBe(CENTRAL_PAGE_CSP);
    expect(CENTRAL_PAGE_CSP).toContain("frame-ancestors 'none'");
    expect(CENTRAL_PAGE_CSP).not.toContain('unsafe-inline');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('same-origin');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    const script = await get(`${central.url}/assets/app.js`, '*/*');
    expect([script.status, script.type]).toEqual([200, 'application/javascript; charset=utf-8']);
    expect(script.headers.get('content-security-policy')).toBe(CENTRAL_PAGE_CSP);
  });

  it("a view's own path gets the page for a browser's navigation only; /api/ keeps the API's JSON 404", async () => {
    const store = await sqliteStores.open();
    const central = await startAccountsCentral(store, now, { webPageDir: pageDir() });
    expect((await get(`${central.url}/don-vi?thang=11`, HTML)).body).toBe(INDEX);
    // A script (no text/html) asking for a path that is not there: a 404, not a page.
    const script = await get(`${central.url}/don-vi`, 'application/json');
    expect(script.status).toBe(404);
    expect(JSON.parse(script.body)).toMatchObject({ error: { code: 'MALFORMED' } });
    for (const path of ['/api/v1/khong-co', '/api/', '/api']) {
      const api = await get(`${central.url}${path}`, HTML);
      expect([path, api.status, api.type]).toEqual([path, 404, 'application/json; charset=utf-8']);
    }
    const post = await fetch(`${central.url}/don-vi`, { method: 'POST', headers: { accept: HTML } });
    expect(post.status).toBe(404);
    expect(post.headers.get('content-type')).toMatch(/^application\/json/);
    // The API's routes are more specific than the folder's and keep their answers.
    const health = await get(`${central.url}/api/v1/health`, HTML);
    expect([health.status, JSON.parse(health.body)]).toEqual([200, expect.objectContaining({ status: 'ok' })]);
  });

  it('never serves a dotfile or a file outside the folder, and lists no folder', async () => {
    const store = await sqliteStores.open();
    const dir = pageDir();
    writeFileSync(join(dir, '..', 'outside.txt'), 'outside the page folder\n');
    const central = await startAccountsCentral(store, now, { webPageDir: dir });
    for (const path of ['/.secret', '/../outside.txt', '/%2e%2e/outside.txt', '/assets/..%2f..%2foutside.txt', '/assets/']) {
      const answer = await get(`${central.url}${path}`, '*/*');
      expect([path, answer.status === 200]).toEqual([path, false]);
      expect(answer.body).not.toContain('outside the page folder');
      expect(answer.body).not.toContain('not for the web');
    }
  });

  it("tells the page the province's name (CENTRAL_PROVINCE_NAME), before anyone signs in; null without it", async () => {
    const store = await sqliteStores.open();
    const named = await startAccountsCentral(store, now, { webPageDir: pageDir(), provinceName: provinceNameFromEnv({ CENTRAL_PROVINCE_NAME: '  Sở Nội vụ tỉnh Hòa Bình ' }) });
    expect(JSON.parse((await get(`${named.url}/api/v1/web-page`, 'application/json')).body)).toEqual({ provinceName: 'Sở Nội vụ tỉnh Hòa Bình' });
    const unnamed = await startAccountsCentral(store, now, { webPageDir: pageDir(), provinceName: provinceNameFromEnv({ CENTRAL_PROVINCE_NAME: ' ' }) });
    expect(JSON.parse((await get(`${unnamed.url}/api/v1/web-page`, 'application/json')).body)).toEqual({ provinceName: null });
    // A name no header can hold stops serve with the reason, rather than being cut.
    expect(() => provinceNameFromEnv({ CENTRAL_PROVINCE_NAME: 'Sở '.repeat(50) })).toThrow('CENTRAL_PROVINCE_NAME: Tên tỉnh tối đa 120 ký tự');
  });

  it('without a built page, / is the API 404 as before (tests and a central built without it)', async () => {
    const store = await sqliteStores.open();
    const central = await startAccountsCentral(store, now, { webPageDir: join(tempDir(), 'not-built') });
    const root = await get(`${central.url}/`, HTML);
    expect(root.status).toBe(404);
    expect(root.headers.get('content-type')).toMatch(/^application\/json/);
  });
});

describe.each(storeFactories)('GET /api/v1/directory for the web page ($storage)', (factory) => {
  it('a signed-in province admin reads it; a unit viewer is forbidden; a stranger must sign in; the admin token still works', async () => {
    const store = await factory.open({ now });
    await store.changeUnits([{ line: 0, code: 'H56-TL', name: 'Huyện Tân Lạc', parentCode: null, officeCodes: ['000.00.21.H56'] }], 'upsert');
    await addTestAccount(store, 'sonoivu', 'province-admin', [], ADMIN_PASSWORD);
    await addTestAccount(store, 'tanlac', 'unit-viewer', ['H56-TL'], VIEWER_PASSWORD);
    const central = await startAccountsCentral(store, now);

    const admin = new TestBrowser(central.url);
    expect((await admin.signIn('sonoivu', ADMIN_PASSWORD)).status).toBe(200);
    const view = await admin.request('GET', '/api/v1/directory');
    expect(view.status).toBe(200);
    expect(directoryResponseSchema.parse(view.body).units.map((u) => u.name)).toEqual(['Huyện Tân Lạc']);

    const viewer = new TestBrowser(central.url);
    expect((await viewer.signIn('tanlac', VIEWER_PASSWORD)).status).toBe(200);
    const refused = await viewer.request('GET', '/api/v1/directory');
    expect([refused.status, errorCode(refused)]).toEqual([403, 'FORBIDDEN']);

    const stranger = await new TestBrowser(central.url).request('GET', '/api/v1/directory');
    expect([stranger.status, errorCode(stranger)]).toEqual([401, 'SIGN_IN_REQUIRED']);

    const token = await store.addAdminToken('scripts');
    expect((await new TestBrowser(central.url, null).request('GET', '/api/v1/directory', undefined, { authorization: `Bearer ${token}` })).status).toBe(200);
    // A wrong token beside a province admin's cookie: the token decides, and it is wrong.
    const forged = await admin.request('GET', '/api/v1/directory', undefined, { authorization: 'Bearer not-a-token' });
    expect([forged.status, errorCode(forged)]).toEqual([401, 'UNAUTHENTICATED']);

    // Signed out: the cookie no longer opens it.
    const cookie = admin.cookie;
    expect((await admin.signOut()).status).toBe(204);
    admin.cookie = cookie;
    expect((await admin.request('GET', '/api/v1/directory')).status).toBe(401);
  });
});
