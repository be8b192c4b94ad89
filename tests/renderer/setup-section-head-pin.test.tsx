// Issue 10: first setup from the screen. The kiosk has no default PIN once set up, so the IT
// admin may type the section head's initial PIN on the PIN pad (twice); it goes out with the
// setup as `sectionHeadInitialPin`. The pad is a step of its own, so it never eats the digits
// typed into the form's fields.
import { act, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { DeviceSettings } from '../../shared/device-settings';
import { KioskApiProvider } from '../../renderer/src/api/kiosk-api-context';
import { DeviceSettingsScreen, INITIAL_PIN_SAVED, SETUP_DONE } from '../../renderer/src/it/DeviceSettingsScreen';
import { OFFICER_PIN_MISMATCH } from '../../renderer/src/staff/OfficerPinStep';
import { fakeKioskApi } from '../support/renderer-api';
import { asStaff, freshDeviceSettings, itAdminSession } from '../support/renderer-fixtures';

const ok = <T,>(data: T) => ({ ok: true as const, data });
const settle = () => act(async () => {});
const itAdmin = itAdminSession();
const freshSettings = freshDeviceSettings();

const tap = (digits: string) => {
  for (const d of digits) fireEvent.click(screen.getByRole('button', { name: d }));
  fireEvent.click(screen.getByRole('button', { name: 'OK' }));
};

function renderSetup(settings: DeviceSettings = freshSettings) {
  const saveDeviceSettings = vi.fn((sent: unknown) => ok({ ...settings, ...(sent as object), tokenSet: false, needsSetup: false } as DeviceSettings));
  render(<KioskApiProvider api={fakeKioskApi({ getDeviceSettings: () => ok(settings), saveDeviceSettings })}>{asStaff(<DeviceSettingsScreen />, itAdmin)}</KioskApiProvider>);
  return saveDeviceSettings;
}

describe('first setup: the section head’s initial PIN', () => {
  it('is typed twice on the PIN pad and saved with the setup', async () => {
    const save = renderSetup();
    await settle();
    fireEvent.change(screen.getByLabelText('Mã đơn vị'), { target: { value: '000.00.21.H56' } });
    fireEvent.click(screen.getByRole('button', { name: 'Đặt mã PIN ban đầu cho Trưởng bộ phận' }));
    expect(screen.queryByLabelText('Mã đơn vị')).toBeNull();
    tap('731946');
    expect(screen.getByRole('heading', { name: 'Đặt mã PIN ban đầu cho Trưởng bộ phận' })).toBeInTheDocument();
    expect(screen.getByTestId('pin-prompt')).toHaveTextContent('Nhập lại mã PIN ban đầu');
    tap('731945');
    expect(screen.getByRole('alert')).toHaveTextContent(OFFICER_PIN_MISMATCH);
    tap('731946');
    tap('731946');
    // Back on the form, which kept what was typed.
    expect(screen.getByLabelText('Mã đơn vị')).toHaveValue('000.00.21.H56');
    expect(screen.getByText('Đã nhập mã PIN ban đầu cho Trưởng bộ phận: mã được lưu cùng cài đặt.')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Lưu cài đặt' }));
    await settle();
    expect(save).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ officeCode: '000.00.21.H56', sectionHeadInitialPin: '731946' }));
    expect(screen.getByRole('status')).toHaveTextContent(`${SETUP_DONE} ${INITIAL_PIN_SAVED}`);
  });

  it('is optional, cancellable, and not offered once the kiosk is set up', async () => {
    const save = renderSetup();
    await settle();
    fireEvent.change(screen.getByLabelText('Mã đơn vị'), { target: { value: '000.00.21.H56' } });
    fireEvent.click(screen.getByRole('button', { name: 'Đặt mã PIN ban đầu cho Trưởng bộ phận' }));
    fireEvent.click(screen.getByRole('button', { name: '‹ Quay lại' }));
    fireEvent.click(screen.getByRole('button', { name: 'Lưu cài đặt' }));
    await settle();
    expect(save.mock.calls[0]?.[0]).not.toHaveProperty('sectionHeadInitialPin');
    expect(screen.queryByRole('button', { name: 'Đặt mã PIN ban đầu cho Trưởng bộ phận' })).toBeNull();
  });
});
