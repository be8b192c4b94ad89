// The setup screen's part of the report path (issue 15): a reason row's "Hướng dẫn phản ánh"
// box and the "Nơi phản ánh, kiến nghị" fieldset, checked with the backend's schema.
import { act, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { defaultReasons } from '../../shared/default-reasons';
import { KioskApiProvider } from '../../renderer/src/api/kiosk-api-context';
import { DeviceSettingsScreen } from '../../renderer/src/it/DeviceSettingsScreen';
import { fakeKioskApi } from '../support/renderer-api';
import { asStaff, freshDeviceSettings, itAdminSession } from '../support/renderer-fixtures';

const settle = () => act(async () => {});
const settings = { ...freshDeviceSettings(), officeCode: '000.00.21.H56', needsSetup: false, reasons: defaultReasons };

function renderForm(saveDeviceSettings: (input: unknown) => unknown) {
  render(
    <KioskApiProvider api={fakeKioskApi({ getDeviceSettings: () => ({ ok: true, data: settings }), saveDeviceSettings: (input) => (saveDeviceSettings(input), { ok: true, data: settings }) })}>
      {asStaff(<DeviceSettingsScreen />, itAdminSession())}
    </KioskApiProvider>,
  );
}

describe('the report path on the setup screen', () => {
  it('shows PHIEN-HA ticked, lets IT tick another, and sends where to report', async () => {
    const save = vi.fn();
    renderForm(save);
    await settle();
    const box = (row: number) => screen.getByRole('checkbox', { name: `Hướng dẫn phản ánh sau lý do dòng ${row}` });
    expect(defaultReasons.map((_, i) => (box(i + 1) as HTMLInputElement).checked)).toEqual(defaultReasons.map((r) => r.code === 'PHIEN-HA'));
    fireEvent.click(box(1));
    fireEvent.change(screen.getByLabelText('Đường dây nóng (không bắt buộc)'), { target: { value: '0236 1022' } });
    fireEvent.change(screen.getByLabelText('Nơi tiếp nhận (tiếng Anh, không bắt buộc)'), { target: { value: '  ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Lưu cài đặt' }));
    await settle();
    const sent = save.mock.calls[0]?.[0] as { reasons: { code: string; reportPath: boolean }[]; reportContact: unknown };
    expect(sent.reasons.filter((r) => r.reportPath).map((r) => r.code)).toEqual(['THAI-DO', 'PHIEN-HA']);
    expect(sent.reportContact).toEqual({ hotline: '0236 1022', place: 'Cổng Dịch vụ công quốc gia — dichvucong.gov.vn', placeEn: null });
  });

  it('refuses a hotline that is not a number and an empty place, in Vietnamese, and sends nothing', async () => {
    const save = vi.fn();
    renderForm(save);
    await settle();
    fireEvent.change(screen.getByLabelText('Đường dây nóng (không bắt buộc)'), { target: { value: 'gọi tổng đài' } });
    fireEvent.change(screen.getByLabelText('Nơi tiếp nhận (tiếng Việt)'), { target: { value: ' ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Lưu cài đặt' }));
    await settle();
    expect(save).not.toHaveBeenCalled();
    expect(screen.getAllByText(/Đường dây nóng: ít nhất 3 chữ số/).length).toBeGreaterThan(0);
    expect(screen.getAllByText(/Nơi tiếp nhận phản ánh không được để trống/).length).toBeGreaterThan(0);
    expect(screen.getByLabelText('Đường dây nóng (không bắt buộc)')).toHaveAttribute('aria-invalid', 'true');
  });
});
