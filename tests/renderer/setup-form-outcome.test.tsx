// Issue 14, findings 1, 2, 3 and 7: the setup form answers back where the IT admin looks (Save
// and its outcome in a bar that stays in sight; a refused Save focuses the error summary, whose
// lines lead to the fields), shows which tile is chosen, clears an error once its field is
// corrected, and asks for no server or token in an office without network.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeviceSettings } from '../../shared/device-settings';
import { KioskApiProvider } from '../../renderer/src/api/kiosk-api-context';
import { DeviceSettingsScreen, FORM_INVALID, SETTINGS_SAVED, SETUP_DONE } from '../../renderer/src/it/DeviceSettingsScreen';
import { fakeKioskApi } from '../support/renderer-api';
import { asStaff, freshDeviceSettings, itAdminSession } from '../support/renderer-fixtures';

const ok = <T,>(data: T) => ({ ok: true as const, data });
const settle = () => act(async () => {});
const freshSettings = freshDeviceSettings();
const input = (label: RegExp | string) => screen.getByLabelText(label);
const type = (label: RegExp | string, value: string) => fireEvent.change(input(label), { target: { value } });
const save = async () => {
  fireEvent.click(screen.getByRole('button', { name: 'Lưu cài đặt' }));
  await settle();
};

function renderForm(settings: DeviceSettings = freshSettings) {
  const saveDeviceSettings = vi.fn((sent: unknown) => ok({ ...settings, ...(sent as object), tokenSet: settings.tokenSet, needsSetup: false } as DeviceSettings));
  render(<KioskApiProvider api={fakeKioskApi({ getDeviceSettings: () => ok(settings), saveDeviceSettings })}>{asStaff(<DeviceSettingsScreen />, itAdminSession())}</KioskApiProvider>);
  return saveDeviceSettings;
}

// jsdom lays nothing out: record what the form asks to scroll into view.
const scrolled: Element[] = [];
beforeEach(() => {
  scrolled.length = 0;
  Element.prototype.scrollIntoView = function (this: Element) {
    scrolled.push(this);
  };
});
afterEach(() => {
  delete (Element.prototype as Partial<Element>).scrollIntoView;
});

const saveBar = () => screen.getByRole('button', { name: 'Lưu cài đặt' }).parentElement as HTMLElement;

describe('the outcome of Save, where the IT admin is looking', () => {
  it('a refused Save focuses the summary at the top and scrolls to it; each line leads to its field; the bar beside Save says it did not save', async () => {
    const sent = renderForm();
    await settle();
    type('Số quầy', '0');
    type('Múi giờ', 'Asia/Sai_Gon');
    await save();
    expect(sent).not.toHaveBeenCalled();
    const summary = screen.getByRole('alert');
    expect(summary).toHaveTextContent(FORM_INVALID);
    expect(summary).toHaveFocus();
    expect(scrolled).toContain(summary);
    // The office code is empty on a fresh kiosk: three fields, each a link.
    const links = within(summary).getAllByRole('link');
    expect(links.map((l) => l.textContent)).toEqual([expect.stringMatching(/^Mã đơn vị: /), 'Số quầy: Số quầy từ 1 đến 999', 'Múi giờ: Múi giờ không hợp lệ']);
    fireEvent.click(links[1] as HTMLElement);
    expect(input('Số quầy')).toHaveFocus();
    expect(scrolled).toContain(input('Số quầy'));
    expect(within(saveBar()).getByText('Chưa lưu: còn 3 ô chưa hợp lệ.')).toBeInTheDocument();
    // "Xem lỗi" in the bar brings the summary back.
    fireEvent.click(within(saveBar()).getByRole('button', { name: 'Xem lỗi' }));
    await settle();
    expect(screen.getByRole('alert')).toHaveFocus();
  });

  it('a successful Save says so beside the Save button, in a status region', async () => {
    renderForm();
    await settle();
    type('Mã đơn vị', '000.00.21.H56');
    await save();
    const status = within(saveBar()).getByRole('status');
    expect(status).toHaveTextContent(SETUP_DONE);
    expect(screen.queryByRole('alert')).toBeNull();
    // The next save of a set-up kiosk: the shorter message, at the same place.
    await save();
    expect(within(saveBar()).getByRole('status')).toHaveTextContent(SETTINGS_SAVED);
  });
});

describe('a corrected field', () => {
  it('loses its error as soon as it is valid, gets the new message while still wrong, and the summary shrinks and goes', async () => {
    renderForm();
    await settle();
    type('Số quầy', '0');
    await save();
    expect(input('Số quầy')).toHaveAccessibleDescription('Số quầy từ 1 đến 999');
    type('Số quầy', 'ba');
    expect(input('Số quầy')).toHaveAccessibleDescription('Số quầy phải là một số');
    type('Số quầy', '3');
    expect(input('Số quầy')).toHaveAttribute('aria-invalid', 'false');
    expect(screen.queryByText('Số quầy phải là một số')).toBeNull();
    expect(within(screen.getByRole('alert')).getAllByRole('link')).toHaveLength(1);
    expect(within(saveBar()).getByText('Chưa lưu: còn 1 ô chưa hợp lệ.')).toBeInTheDocument();
    // A field that has not been complained about is not checked while typed...
    type('Múi giờ', 'Asia/Sai');
    expect(input('Múi giờ')).toHaveAttribute('aria-invalid', 'false');
    // ...and the last correction takes the summary and the bar's line away.
    type('Mã đơn vị', '000.00.21.H56');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(within(saveBar()).queryByText(/Chưa lưu/)).toBeNull();
  });

  it('clears a row’s error in the reasons table when the code is fixed', async () => {
    renderForm();
    await settle();
    type('Mã đơn vị', '000.00.21.H56');
    fireEvent.click(screen.getByRole('button', { name: '+ Thêm lý do' }));
    type('Mã lý do dòng 2', 'cho-lau');
    await save();
    expect(screen.getByText('Mã lý do bị trùng: CHO-LAU')).toBeInTheDocument();
    type('Mã lý do dòng 2', 'tre-hen');
    expect(screen.queryByText('Mã lý do bị trùng: CHO-LAU')).toBeNull();
  });
});

describe('an office without network', () => {
  it('shows neither the server address nor the token, and never sends a token', async () => {
    const sent = renderForm();
    await settle();
    expect(screen.getByRole('radio', { name: /Văn phòng không có mạng/ })).toHaveAttribute('aria-checked', 'true');
    expect(screen.queryByLabelText(/Token thiết bị/)).toBeNull();
    expect(screen.queryByLabelText('Địa chỉ máy chủ trung tâm')).toBeNull();
    expect(screen.getByText(/Không cần địa chỉ máy chủ hay token/)).toBeInTheDocument();
    // Typed while "có mạng" was chosen, then the office turns out to have none.
    fireEvent.click(screen.getByRole('radio', { name: /Có mạng/ }));
    type('Địa chỉ máy chủ trung tâm', 'https://dvc.example.gov.vn');
    type('Token thiết bị', 'abcdefghijklmnopqrstu');
    fireEvent.click(screen.getByRole('radio', { name: /Văn phòng không có mạng/ }));
    expect(screen.queryByLabelText(/Token thiết bị/)).toBeNull();
    type('Mã đơn vị', '000.00.21.H56');
    await save();
    expect(sent).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ endpoint: null, deviceToken: null }));
  });

  it('drops a token error when the office switches to no network', async () => {
    renderForm();
    await settle();
    type('Mã đơn vị', '000.00.21.H56');
    fireEvent.click(screen.getByRole('radio', { name: /Có mạng/ }));
    type('Địa chỉ máy chủ trung tâm', 'https://dvc.example.gov.vn');
    await save();
    expect(screen.getByRole('alert')).toHaveTextContent('Token thiết bị: Cần token thiết bị');
    fireEvent.click(screen.getByRole('radio', { name: /Văn phòng không có mạng/ }));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('the chosen tile', () => {
  it('is marked as checked, one per group, and the stylesheet draws it apart (border, background, tick)', async () => {
    renderForm();
    await settle();
    fireEvent.click(screen.getByRole('radio', { name: /^4 mức/ }));
    const scale = screen.getByRole('radiogroup', { name: 'Thang đánh giá' });
    expect(within(scale).getAllByRole('radio').filter((r) => r.getAttribute('aria-checked') === 'true').map((r) => r.textContent)).toEqual([expect.stringMatching(/^4 mức/)]);
    // jsdom applies no stylesheet: the rules for the checked state must exist and differ by more than colour.
    const css = readFileSync(resolve('renderer/src/it/it-admin.css'), 'utf8');
    const rule = (selector: string) => new RegExp(`${selector.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\{([^}]*)\\}`).exec(css)?.[1] ?? '';
    expect(rule(".it-choice[aria-checked='true']")).toMatch(/border-color:[^;]+;.*background:/s);
    expect(rule(".it-choice[aria-checked='true']::after")).toMatch(/content: '✓'/);
    expect(rule('.it-choice[aria-checked]::after')).toMatch(/border:/);
  });
});
