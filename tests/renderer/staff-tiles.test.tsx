// The staff home's tiles follow the contract's access table (shared/contract `access`): a tile
// shows iff the signed-in role may call the methods its page needs. Today's pages per role are
// pinned here; the second test proves they are derived (a method taken from a role hides its tile).
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as contractModule from '../../shared/contract';
import type { MethodName } from '../../shared/contract';
import type { StaffRole } from '../../shared/staff';
import { KioskApiProvider } from '../../renderer/src/api/kiosk-api-context';
import { StaffHome } from '../../renderer/src/staff/StaffHome';
import { fakeKioskApi } from '../support/renderer-api';
import { asStaff, session } from '../support/renderer-fixtures';

/** Access the test takes away from a role, on top of the contract's own. */
const withheld = vi.hoisted(() => new Set<string>());
vi.mock('../../shared/contract', async (importOriginal) => {
  const real = await importOriginal<typeof contractModule>();
  return { ...real, roleMayCall: (role: StaffRole, name: MethodName) => !withheld.has(`${role}:${name}`) && real.roleMayCall(role, name) };
});

const ok = <T,>(data: T) => ({ ok: true as const, data });

async function tilesOf(role: 'officer' | 'section-head'): Promise<string[]> {
  const signedIn = role === 'officer' ? session() : session({ role, officerId: null, displayName: 'Trưởng bộ phận' });
  const api = fakeKioskApi({ getCurrentShift: () => ok(null), listServiceAreas: () => ok([]) });
  render(<KioskApiProvider api={api}>{asStaff(<StaffHome />, signedIn)}</KioskApiProvider>);
  await act(async () => {});
  const grid = document.querySelector('.menu-grid');
  if (!(grid instanceof HTMLElement)) throw new Error('no tiles');
  return within(grid)
    .getAllByRole('button')
    .map((b) => b.textContent ?? '');
}

afterEach(() => {
  withheld.clear();
  cleanup();
});

describe('staff tiles', () => {
  it("show each role today's pages, read from the contract's access", async () => {
    expect(await tilesOf('officer')).toEqual(['Thống kê đánh giá', 'Báo cáo', 'Đổi mã PIN']);
    expect(screen.getByTestId('shift-state')).toBeInTheDocument();
    cleanup();
    expect(await tilesOf('section-head')).toEqual(['Thống kê đánh giá', 'Báo cáo', 'Cán bộ', 'Lĩnh vực', 'Cài đặt thống kê', 'Đặt lại mã PIN bằng tệp', 'Tra cứu mã phản ánh', 'Đổi mã PIN']);
    expect(screen.queryByTestId('shift-state')).not.toBeInTheDocument();
  });

  it('hide a tile whose method the role may not call', async () => {
    withheld.add('officer:exportReport');
    withheld.add('section-head:saveServiceAreas');
    withheld.add('section-head:importPinResetFile');
    withheld.add('section-head:findRatingByReference');
    expect(await tilesOf('officer')).toEqual(['Thống kê đánh giá', 'Đổi mã PIN']);
    cleanup();
    expect(await tilesOf('section-head')).toEqual(['Thống kê đánh giá', 'Báo cáo', 'Cán bộ', 'Cài đặt thống kê', 'Đổi mã PIN']);
  });
});
