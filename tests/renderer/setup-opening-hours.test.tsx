// Issue 15: "Giờ làm việc" on the setup screen. Each weekday's periods (morning, afternoon) or
// "Nghỉ", the holiday list (add, remove), checked on Save with the backend's schema: an
// overlapping period or a bad holiday is named in the summary and beside its row, nothing is
// sent; corrected, the hours are sent with the other settings.
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeviceSettings } from '../../shared/device-settings';
import { defaultOpeningHours } from '../../shared/opening-hours';
import { KioskApiProvider } from '../../renderer/src/api/kiosk-api-context';
import { DeviceSettingsScreen } from '../../renderer/src/it/DeviceSettingsScreen';
import { fakeKioskApi } from '../support/renderer-api';
import { asStaff, freshDeviceSettings, itAdminSession } from '../support/renderer-fixtures';

const ok = <T,>(data: T) => ({ ok: true as const, data });
const settle = () => act(async () => {});
const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
const click = (name: string) => fireEvent.click(screen.getByRole('button', { name }));

function renderForm(settings: DeviceSettings = { ...freshDeviceSettings(), officeCode: '000.00.21.H56' }) {
  const saveDeviceSettings = vi.fn((sent: unknown) => ok({ ...settings, ...(sent as object), tokenSet: false, needsSetup: false } as DeviceSettings));
  render(<KioskApiProvider api={fakeKioskApi({ getDeviceSettings: () => ok(settings), saveDeviceSettings })}>{asStaff(<DeviceSettingsScreen />, itAdminSession())}</KioskApiProvider>);
  return saveDeviceSettings;
}

beforeEach(() => {
  Element.prototype.scrollIntoView = () => {};
});

describe('the hours fieldset', () => {
  it('shows each weekday with its periods, the weekend as "Nghỉ"', async () => {
    renderForm();
    await settle();
    const week = within(screen.getByRole('group', { name: 'Giờ làm việc' }));
    expect((screen.getByLabelText('Thứ Hai, buổi sáng: giờ mở') as HTMLInputElement).value).toBe('07:00');
    expect((screen.getByLabelText('Thứ Sáu, buổi chiều: giờ đóng') as HTMLInputElement).value).toBe('17:00');
    expect(week.getAllByText('Nghỉ')).toHaveLength(2);
    expect(week.getByRole('rowheader', { name: 'Chủ nhật' })).toBeInTheDocument();
  });

  it('adds a Saturday morning and a holiday, removes Friday afternoon, and sends them with Save', async () => {
    const sent = renderForm();
    await settle();
    click('Thêm khoảng giờ Thứ Bảy');
    type('Thứ Bảy, buổi sáng: giờ mở', '07:30');
    click('Xóa buổi chiều Thứ Sáu');
    click('+ Thêm ngày nghỉ');
    type('Ngày nghỉ dòng 1', '2026-09-02');
    type('Tên ngày nghỉ dòng 1', 'Quốc khánh');
    click('Lưu cài đặt');
    await settle();
    expect(sent).toHaveBeenCalledOnce();
    expect((sent.mock.calls[0]?.[0] as { openingHours: unknown }).openingHours).toEqual({
      week: { ...defaultOpeningHours.week, fri: [{ from: '07:00', to: '11:30' }], sat: [{ from: '07:30', to: '11:30' }] },
      holidays: [{ date: '2026-09-02', name: 'Quốc khánh' }],
    });
  });

  it('refuses overlapping periods and a holiday without a date: named in the summary and beside the row, nothing sent', async () => {
    const sent = renderForm();
    await settle();
    type('Thứ Hai, buổi chiều: giờ mở', '11:00');
    type('Thứ Ba, buổi sáng: giờ đóng', '06:00');
    click('+ Thêm ngày nghỉ');
    type('Tên ngày nghỉ dòng 1', 'Tết');
    click('Lưu cài đặt');
    await settle();
    expect(sent).not.toHaveBeenCalled();
    const links = within(screen.getByRole('alert')).getAllByRole('link').map((l) => l.textContent);
    expect(links).toEqual([
      'Giờ làm việc – Thứ Hai, buổi chiều: Các khoảng giờ phải theo thứ tự sáng → chiều và không chồng lên nhau',
      'Giờ làm việc – Thứ Ba, buổi sáng: Giờ mở phải trước giờ đóng',
      'Ngày nghỉ dòng 1: Ngày nghỉ phải là ngày có thật, dạng YYYY-MM-DD',
    ]);
    const week = within(screen.getByRole('group', { name: 'Giờ làm việc' }));
    expect(week.getByText('Các khoảng giờ phải theo thứ tự sáng → chiều và không chồng lên nhau')).toBeInTheDocument();
    // Corrected: sent.
    type('Thứ Hai, buổi chiều: giờ mở', '13:00');
    type('Thứ Ba, buổi sáng: giờ đóng', '11:30');
    click('Xóa ngày nghỉ dòng 1');
    click('Lưu cài đặt');
    await settle();
    expect(sent).toHaveBeenCalledOnce();
  });
});
