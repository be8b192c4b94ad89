// Issue 16: every address the page gives its views (central/web/src/view-address.ts) loads the
// page when a browser opens it — a reload or a shared link — whatever the unit code or officer id
// holds (dots as in office codes, "..", slashes, question marks, a leading dot): codes ride in the
// query, so they never reach a file or the API.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addressOf, placeOf, type Place } from '../../central/web/src/view-address';
import { startAccountsCentral } from '../support/account-fixture';
import { sqliteStores, tempDir } from '../support/central-fixture';

const INDEX = '<!doctype html><html lang="vi"><body><div id="root"></div></body></html>';
const HTML = 'text/html,application/xhtml+xml,*/*;q=0.8';

describe("the page's addresses", () => {
  it('each view, with awkward codes, gets index.html on navigation and reads back as the same place', async () => {
    const dir = join(tempDir(), 'central-web');
    mkdirSync(join(dir, 'assets'), { recursive: true });
    writeFileSync(join(dir, 'index.html'), INDEX);
    writeFileSync(join(dir, '.secret'), 'not for the web\n');
    const store = await sqliteStores.open();
    const central = await startAccountsCentral(store, () => new Date('2026-11-29T08:00:00.000Z'), { webPageDir: dir });
    const base = placeOf({ pathname: '/', search: '' }, '2026-11-29');
    const places: Place[] = [
      base,
      { ...base, view: 'units', unit: null },
      { ...base, view: 'units', unit: '000.00.21.H56' },
      { ...base, view: 'units', unit: '..' },
      { ...base, view: 'units', unit: '../api/v1/directory' },
      { ...base, view: 'units', unit: '.secret' },
      { ...base, view: 'officers', officer: { deviceId: '0193a1b2-0000-7000-8000-0000000000a1', officerId: 'o/1?x=1#y&z' } },
      { ...base, view: 'reports', report: { period: 'quarter', month: '2026-10', unit: 'D 1&2', belowPercent: 65, print: true } },
      { ...base, view: 'fleet', fleetUnit: null },
      { ...base, view: 'fleet', fleetUnit: '../api/v1/directory' },
    ];
    for (const place of places) {
      const address = addressOf(place);
      const response = await fetch(`${central.url}${address}`, { headers: { accept: HTML } });
      expect([address, response.status, await response.text()]).toEqual([address, 200, INDEX]);
      const url = new URL(address, central.url);
      expect(placeOf({ pathname: url.pathname, search: url.search }, '2026-11-29')).toEqual(place);
    }
    await central.close();
    await store.close();
  });
});
