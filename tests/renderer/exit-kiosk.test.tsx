// Leaving kiosk mode from the staff area (issue 13): the contract's `exitKiosk` (host:
// 'electron', the section head and the IT admin). The button exists only in Electron and only
// for those roles; a second tap confirms; a refusal is shown, never a closed window.
import { act, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { HostKind } from '../../shared/contract';
import { kioskError } from '../../shared/errors';
import type { StaffRole } from '../../shared/staff';
import { HostProvider } from '../../renderer/src/api/host-context';
import { KioskApiProvider } from '../../renderer/src/api/kiosk-api-context';
import { EXIT_KIOSK, EXIT_KIOSK_CONFIRM, ExitKioskButton } from '../../renderer/src/staff/ExitKioskButton';
import { fakeKioskApi, type FakeMethods } from '../support/renderer-api';
import { asStaff, OFFICER_LAN, session } from '../support/renderer-fixtures';

const settle = () => act(async () => {});

function renderButton(host: HostKind, role: StaffRole, methods: FakeMethods = {}) {
  const signedIn = session({ role, officerId: role === 'officer' ? OFFICER_LAN : null, displayName: role });
  render(
    <KioskApiProvider api={fakeKioskApi(methods)}>
      <HostProvider host={host}>{asStaff(<ExitKioskButton />, signedIn)}</HostProvider>
    </KioskApiProvider>,
  );
}

describe('leaving kiosk mode', () => {
  it.each(['section-head', 'it-admin'] as const)('in Electron, the %s may leave, after confirming', async (role) => {
    const exitKiosk = vi.fn(() => ({ ok: true as const, data: { closing: true as const } }));
    renderButton('electron', role, { exitKiosk });
    fireEvent.click(screen.getByRole('button', { name: EXIT_KIOSK }));
    expect(exitKiosk).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Hủy' }));
    fireEvent.click(screen.getByRole('button', { name: EXIT_KIOSK }));
    fireEvent.click(screen.getByRole('button', { name: EXIT_KIOSK_CONFIRM }));
    await settle();
    expect(exitKiosk).toHaveBeenCalledExactlyOnceWith({});
  });

  it('is not offered to an officer', () => {
    renderButton('electron', 'officer');
    expect(screen.queryByRole('button', { name: EXIT_KIOSK })).not.toBeInTheDocument();
  });

  it('is not offered in browser mode (no kiosk to leave; the host would answer NOT_SUPPORTED)', () => {
    renderButton('browser', 'section-head');
    expect(screen.queryByRole('button', { name: EXIT_KIOSK })).not.toBeInTheDocument();
  });

  it('shows a refusal and stays', async () => {
    renderButton('electron', 'it-admin', { exitKiosk: () => ({ ok: false as const, error: kioskError('RATE_LIMITED') }) });
    fireEvent.click(screen.getByRole('button', { name: EXIT_KIOSK }));
    fireEvent.click(screen.getByRole('button', { name: EXIT_KIOSK_CONFIRM }));
    await settle();
    expect(screen.getByRole('alert')).toHaveTextContent(kioskError('RATE_LIMITED').message);
    expect(screen.getByRole('button', { name: EXIT_KIOSK })).toBeInTheDocument();
  });
});
