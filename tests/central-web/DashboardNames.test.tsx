// The dashboard names places, not codes (issue 16, found by the acceptance test
// tests/e2e/central-province.test.ts): a unit's offices and its officers' office by the name the
// kiosks sent; an officer's title and office under their name; a unit viewer's province by their
// unit's name; a unit without units under it shows no empty "units" table.
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { dashboardFiguresSchema, type DashboardFigures } from '../../shared/central-dashboard';
import { DashboardView } from '../../central/web/src/DashboardView';
import type { DashboardSubject } from '../../central/web/src/central-api';
import { officeNameOf, officerPlaceOf } from '../../central/web/src/place-names';
import { officerFigures, provinceFigures, unitFigures } from '../support/dashboard-figures-fixture';

const NAMED = { code: '000.00.21.H56', name: 'UBND xã Lộc Trì – Bộ phận một cửa', timeZone: 'Asia/Ho_Chi_Minh', unitCode: 'C1', total: 7, satisfied: 5, satisfactionRate: 5 / 7 };
const range = { from: '2026-11-01', to: '2026-11-30' };

function show(figures: DashboardFigures, subject: DashboardSubject) {
  const parsed = dashboardFiguresSchema.parse(figures);
  render(<DashboardView subject={subject} range={range} includeFlagged={false} dashboard={vi.fn(async () => ({ ok: true as const, value: parsed }))} onSignInRequired={vi.fn()} />);
  return screen.findByTestId('dashboard');
}
const rowsOf = (testId: string) => within(screen.getByTestId(testId)).getAllByRole('row').slice(1).map((r) => r.textContent);

describe('names on the dashboard', () => {
  it('an office by its kiosks’ name; its code only while no kiosk has named it; "—" for ratings without a shift', () => {
    expect(officeNameOf({ offices: [NAMED] }, '000.00.21.H56')).toBe('UBND xã Lộc Trì – Bộ phận một cửa');
    expect(officeNameOf({ offices: [NAMED] }, '000.00.22.H57')).toBe('000.00.22.H57');
    expect(officeNameOf({ offices: [NAMED] }, null)).toBe('—');
  });

  it('a district: its offices ranked by name, and each officer’s office by name', async () => {
    await show({ ...unitFigures, offices: [NAMED] }, { kind: 'unit', code: 'D1' });
    expect(rowsOf('offices')).toEqual(['UBND xã Lộc Trì – Bộ phận một cửa771,4%']);
    expect(rowsOf('officers')).toEqual(['Nguyễn Văn An (Công chức tư pháp)UBND xã Lộc Trì – Bộ phận một cửa580%', 'Trần Thị BìnhUBND xã Lộc Trì – Bộ phận một cửa2Chưa đủ dữ liệu']);
    expect(rowsOf('units-ranked')).toEqual(['Xã Lộc Trì771,4%']);
  });

  it('a commune with no units under it: no empty "units" table that would read as "no figures"', async () => {
    await show({ ...unitFigures, subject: { kind: 'unit', code: 'C1', name: 'Xã Lộc Trì', limitedToUnits: null }, units: [], offices: [NAMED] }, { kind: 'unit', code: 'C1' });
    expect(screen.queryByTestId('units-ranked')).toBeNull();
    expect(screen.queryByText('Các đơn vị (tỉ lệ thấp nhất trước)')).toBeNull();
    expect(rowsOf('offices')).toHaveLength(1);
  });

  it('an officer: their title and office under the name; nothing made up when the period has none of their ratings', async () => {
    const an = { deviceId: 'dev-a1', officerId: 'o-1', name: 'Nguyễn Văn An', title: 'Công chức tư pháp', officeCode: '000.00.21.H56', total: 5, satisfied: 4, satisfactionRate: 0.8 };
    expect(officerPlaceOf({ offices: [NAMED], byOfficer: [an] })).toBe('Công chức tư pháp · UBND xã Lộc Trì – Bộ phận một cửa');
    expect(officerPlaceOf({ offices: [NAMED], byOfficer: [{ ...an, title: '' }] })).toBe('UBND xã Lộc Trì – Bộ phận một cửa');
    expect(officerPlaceOf({ offices: [], byOfficer: [] })).toBeNull();
    const view = await show({ ...officerFigures, byOfficer: [an], offices: [NAMED] }, { kind: 'officer', deviceId: 'dev-a1', officerId: 'o-1' });
    expect(within(view).getByTestId('officer-place')).toHaveTextContent('Công chức tư pháp · UBND xã Lộc Trì – Bộ phận một cửa');
  });

  it('a unit viewer’s province says which unit by name, not by code', async () => {
    const limited = { ...provinceFigures, subject: { ...provinceFigures.subject, limitedToUnits: ['D1'] }, units: [{ code: 'D1', name: 'Huyện Phú Lộc', total: 7, satisfied: 5, satisfactionRate: 5 / 7 }] };
    await show(limited, { kind: 'province' });
    expect(screen.getByTestId('limited-to')).toHaveTextContent('Số liệu của đơn vị bạn được xem: Huyện Phú Lộc');
  });
});
