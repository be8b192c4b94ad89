// "Mã hồ sơ" on the setup screen (issue 15): the switches, the format tiles, a custom pattern
// refused with the schema's own message before anything is sent, then saved.
import { act, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { DeviceSettings } from '../../shared/device-settings';
import { KioskApiProvider } from '../../renderer/src/api/kiosk-api-context';
import { DeviceSettingsScreen } from '../../renderer/src/it/DeviceSettingsScreen';
import { fakeKioskApi } from '../support/renderer-api';
import { asStaff, freshDeviceSettings, itAdminSession } from '../support/renderer-fixtures';

const ok = <T,>(data: T) => ({ ok: true as const, data });
const settle = () => act(async () => {});

describe('the dossier code fieldset', () => {
  it('sets the format, a custom pattern (refused until it compiles), one per dossier and required mode', async () => {
    const fresh = { ...freshDeviceSettings(), officeCode: '000.00.21.H56' };
    const saveDeviceSettings = vi.fn((sent: unknown) => ok({ ...fresh, ...(sent as object), needsSetup: false } as DeviceSettings));
    render(<KioskApiProvider api={fakeKioskApi({ getDeviceSettings: () => ok(fresh), saveDeviceSettings })}>{asStaff(<DeviceSettingsScreen />, itAdminSession())}</KioskApiProvider>);
    await settle();
    expect(screen.getByRole('switch', { name: 'Nhận mã hồ sơ' })).toHaveAttribute('aria-checked', 'true');
    expect(screen.getByRole('radio', { name: /^Mã bất kỳ/ })).toHaveAttribute('aria-checked', 'true');
    expect(screen.queryByRole('switch', { name: 'Cho chọn “Không có mã hồ sơ”' })).not.toBeInTheDocument();

    fireEvent.click(screen.getByRole('radio', { name: /^Mẫu riêng của đơn vị/ }));
    fireEvent.change(screen.getByLabelText('Mẫu mã hồ sơ'), { target: { value: 'HCM-[0-9' } });
    fireEvent.click(screen.getByRole('switch', { name: 'Mỗi hồ sơ một đánh giá' }));
    fireEvent.click(screen.getByRole('switch', { name: 'Bắt buộc mã hồ sơ' }));
    fireEvent.click(screen.getByRole('switch', { name: 'Cho chọn “Không có mã hồ sơ”' }));
    fireEvent.click(screen.getByRole('button', { name: 'Lưu cài đặt' }));
    await settle();
    expect(saveDeviceSettings).not.toHaveBeenCalled();
    expect(screen.getByLabelText('Mẫu mã hồ sơ')).toHaveAccessibleDescription('Mẫu mã hồ sơ không phải biểu thức chính quy hợp lệ');

    fireEvent.change(screen.getByLabelText('Mẫu mã hồ sơ'), { target: { value: ' HCM-[0-9]{6} ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Lưu cài đặt' }));
    await settle();
    expect(saveDeviceSettings).toHaveBeenCalledExactlyOnceWith(
      expect.objectContaining({ dossier: { capture: true, format: 'custom', customPattern: 'HCM-[0-9]{6}', onePerDossier: true, required: true, allowNoCode: false } }),
    );
  });

  it('turning capture off also turns required off (a code cannot be required and refused)', async () => {
    const fresh = { ...freshDeviceSettings(), officeCode: '000.00.21.H56' };
    render(<KioskApiProvider api={fakeKioskApi({ getDeviceSettings: () => ok(fresh) })}>{asStaff(<DeviceSettingsScreen />, itAdminSession())}</KioskApiProvider>);
    await settle();
    fireEvent.click(screen.getByRole('switch', { name: 'Bắt buộc mã hồ sơ' }));
    fireEvent.click(screen.getByRole('switch', { name: 'Nhận mã hồ sơ' }));
    expect(screen.queryByRole('switch', { name: 'Bắt buộc mã hồ sơ' })).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('switch', { name: 'Nhận mã hồ sơ' }));
    expect(screen.getByRole('switch', { name: 'Bắt buộc mã hồ sơ' })).toHaveAttribute('aria-checked', 'false');
  });
});
