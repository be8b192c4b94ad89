// The section head's service areas are a setting like any other: saved through
// saveSettingsAudited (via 'staff-area'), one row naming the section head, old → new; an
// unchanged or refused save writes no row; the IT admin's audit list shows it.
import { describe, expect, it } from 'vitest';
import type { EventName } from '../../shared/contract';
import { defaultServiceAreas } from '../../shared/staff';
import { manualClock, openTestBackend, tempDataDir } from '../support/backend-fixture';
import { itAdminSession } from '../support/it-admin-fixture';
import { call, must, sectionHeadSession } from '../support/staff-fixture';

const areas = [
  { code: 'HO-TICH', name: 'Hộ tịch', active: true },
  { code: 'BHXH', name: 'Bảo hiểm xã hội', active: false },
];

function start() {
  const clock = manualClock('2026-11-29T02:00:00.000Z');
  const backend = openTestBackend({ dataDir: tempDataDir(), autoSync: false, now: clock.now });
  const events: [EventName, unknown][] = [];
  backend.events.subscribe((name, payload) => events.push([name, payload]));
  return { clock, backend, events };
}

const auditRows = (backend: ReturnType<typeof start>['backend']) =>
  backend.context.db.prepare('SELECT at, actor_role, actor_officer_id, actor_name, via, key, old_value, new_value FROM settings_audit ORDER BY id').all();

describe('saveServiceAreas is audited', () => {
  it('writes one row naming the section head, old → new; the IT audit list shows it', async () => {
    const { backend, events } = start();
    sectionHeadSession(backend);
    expect(await must(backend, 'saveServiceAreas', { areas })).toEqual(areas);
    expect(events).toEqual([['shiftChanged', {}]]);
    expect(auditRows(backend)).toEqual([
      {
        at: '2026-11-29T02:00:00.000Z',
        actor_role: 'section-head',
        actor_officer_id: null,
        actor_name: 'Trưởng bộ phận',
        via: 'staff-area',
        key: 'serviceAreas',
        old_value: JSON.stringify(defaultServiceAreas),
        new_value: JSON.stringify(areas),
      },
    ]);

    backend.staff.close();
    itAdminSession(backend);
    expect(await must(backend, 'listSettingsAudit', { limit: 10 })).toEqual([
      {
        id: 1,
        at: '2026-11-29T02:00:00.000Z',
        actorRole: 'section-head',
        actorName: 'Trưởng bộ phận',
        via: 'staff-area',
        key: 'serviceAreas',
        oldValue: JSON.stringify(defaultServiceAreas),
        newValue: JSON.stringify(areas),
      },
    ]);
  });

  it('an unchanged save writes no row (and still answers and emits as before)', async () => {
    const { backend, events, clock } = start();
    sectionHeadSession(backend);
    await must(backend, 'saveServiceAreas', { areas });
    clock.advance(60_000);
    events.length = 0;
    expect(await must(backend, 'saveServiceAreas', { areas })).toEqual(areas);
    expect(events).toEqual([['shiftChanged', {}]]);
    expect(auditRows(backend)).toHaveLength(1);
  });

  it('a refused save (duplicate code, invalid code) writes nothing', async () => {
    const { backend, events } = start();
    sectionHeadSession(backend);
    const settingsBefore = backend.context.db.prepare('SELECT key, value FROM settings ORDER BY key').all();
    expect(await call(backend, 'saveServiceAreas', { areas: [...areas, { code: 'HO-TICH', name: 'Trùng', active: true }] })).toMatchObject({ error: { code: 'CONFLICT' } });
    expect(await call(backend, 'saveServiceAreas', { areas: [{ code: 'ho tich', name: 'x', active: true }] })).toMatchObject({ error: { code: 'INVALID_INPUT' } });
    expect(events).toEqual([]);
    expect(auditRows(backend)).toEqual([]);
    expect(backend.context.db.prepare('SELECT key, value FROM settings ORDER BY key').all()).toEqual(settingsBefore);
    expect(await must(backend, 'listServiceAreas', {})).toEqual(defaultServiceAreas);
  });
});
