// The section head sets an officer's first PIN, or resets it, on the PIN pad (issue 10): twice,
// a mismatch refused before anything is sent, a weak PIN refused by the backend asked for again
// with its words, dots only — no text field ever holds the PIN, and it is gone after saving.
import { act, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { errorMessages, kioskError } from '../../shared/errors';
import type { Result } from '../../shared/result';
import type { Officer } from '../../shared/staff';
import { KioskApiProvider } from '../../renderer/src/api/kiosk-api-context';
import { OFFICER_PIN_MISMATCH } from '../../renderer/src/staff/OfficerPinStep';
import { OfficersScreen } from '../../renderer/src/staff/OfficersScreen';
import { fakeKioskApi, type FakeMethods } from '../support/renderer-api';
import { asStaff, OFFICER_HUNG, session } from '../support/renderer-fixtures';

const ok = <T,>(data: T) => ({ ok: true as const, data });
const settle = () => act(async () => {});
const head = session({ role: 'section-head', officerId: null, displayName: 'Trưởng bộ phận' });
const NEW_ID = '01900000-0000-7000-8000-0000000000c3';
const hung: Officer = { id: OFFICER_HUNG, code: 'CB02', name: 'Trần Văn Hùng', title: 'Công chức Địa chính', photoDataUrl: null, active: true };

const PIN = '839127';
const OTHER_PIN = '604518';
const WEAK_PIN = '111111';

type SaveOfficer = (input: unknown) => Result<Officer>;
const savedAs = (id: string): SaveOfficer => (input) => ok({ ...(input as { officer: Officer }).officer, id });

function renderOfficers(saveOfficer: SaveOfficer, methods: FakeMethods = {}) {
  const save = vi.fn(saveOfficer);
  render(<KioskApiProvider api={fakeKioskApi({ listOfficers: () => ok([hung]), saveOfficer: save, ...methods })}>{asStaff(<OfficersScreen />, head)}</KioskApiProvider>);
  return save;
}

const click = (name: string) => fireEvent.click(screen.getByRole('button', { name }));
const prompt = () => screen.getByTestId('pin-prompt');
const dots = () => screen.getByTestId('pin-dots');
/** Tap each digit on the pad, then OK. */
const enterOnPad = (pin: string) => {
  for (const digit of pin) click(digit);
  click('OK');
};

/** No PIN anywhere in the page's markup (text, attributes, input values), and no text or password field holding one. */
function expectNoPinInDom(...pins: string[]) {
  const html = document.body.innerHTML;
  for (const pin of pins) expect(html).not.toContain(pin);
  for (const input of document.querySelectorAll<HTMLInputElement>('input')) {
    expect(input.type, 'no password field: the PIN is entered on the pad').not.toBe('password');
    for (const pin of pins) expect(input.value).not.toContain(pin);
  }
}

async function fillNewOfficer() {
  await settle();
  click('+ Thêm cán bộ');
  fireEvent.change(screen.getByLabelText('Mã cán bộ'), { target: { value: 'CB03' } });
  fireEvent.change(screen.getByLabelText('Họ và tên'), { target: { value: 'Lê Hoàng Yến' } });
  fireEvent.change(screen.getByLabelText('Chức danh'), { target: { value: 'Chuyên viên' } });
}

describe("an officer's first PIN, on the PIN pad", () => {
  it('is entered twice on the pad (dots only, no text field on screen), then sent once with the officer and forgotten', async () => {
    const saveOfficer = renderOfficers(savedAs(NEW_ID));
    await fillNewOfficer();
    expect(screen.getByTestId('officer-pin-state')).toHaveTextContent('Chưa đặt');
    expect(document.querySelectorAll('input[type="password"]')).toHaveLength(0);

    click('Đặt mã PIN ban đầu');
    expect(screen.getByRole('heading', { name: 'Đặt mã PIN ban đầu cho Lê Hoàng Yến' })).toBeInTheDocument();
    expect(prompt()).toHaveTextContent('Nhập mã PIN ban đầu (6 đến 8 chữ số)');
    // While the pad is up, no text field can take the digits (the pad listens to the keyboard too).
    expect(document.querySelectorAll('input, textarea')).toHaveLength(0);
    for (const digit of PIN) click(digit);
    expect(dots()).toHaveAccessibleName('Nhập mã PIN ban đầu (6 đến 8 chữ số): đã nhập 6 chữ số');
    expect(dots().querySelectorAll('.pin-dot--filled')).toHaveLength(6);
    expectNoPinInDom(PIN);
    click('OK');
    expect(prompt()).toHaveTextContent('Nhập lại mã PIN ban đầu');
    expect(dots()).toHaveAccessibleName('Nhập lại mã PIN ban đầu: đã nhập 0 chữ số');
    enterOnPad(PIN);

    // Back on the form, every field as it was; the PIN is set but shown nowhere.
    expect(screen.getByLabelText('Mã cán bộ')).toHaveValue('CB03');
    expect(screen.getByLabelText('Họ và tên')).toHaveValue('Lê Hoàng Yến');
    expect(screen.getByTestId('officer-pin-state')).toHaveTextContent('Đã nhập');
    expectNoPinInDom(PIN);
    expect(saveOfficer).not.toHaveBeenCalled();

    click('Lưu');
    await settle();
    expect(saveOfficer).toHaveBeenCalledExactlyOnceWith({
      officer: { id: null, code: 'CB03', name: 'Lê Hoàng Yến', title: 'Chuyên viên', photoDataUrl: null, active: true },
      initialPin: PIN,
    });
    expect(screen.getByRole('status')).toHaveTextContent('Đã lưu cán bộ Lê Hoàng Yến.');
    expectNoPinInDom(PIN);

    // Not kept: the next officer starts with no PIN.
    click('+ Thêm cán bộ');
    expect(screen.getByTestId('officer-pin-state')).toHaveTextContent('Chưa đặt');
  });

  it('refuses a mismatch before sending anything, and asks for the PIN again from the start', async () => {
    const saveOfficer = renderOfficers(savedAs(NEW_ID));
    await fillNewOfficer();
    click('Đặt mã PIN ban đầu');
    enterOnPad(PIN);
    enterOnPad(OTHER_PIN);
    expect(screen.getByRole('alert')).toHaveTextContent(OFFICER_PIN_MISMATCH);
    expect(prompt()).toHaveTextContent('Nhập mã PIN ban đầu (6 đến 8 chữ số)');
    expect(saveOfficer).not.toHaveBeenCalled();

    // Given up on: the form has no PIN, and "Lưu" says one is needed — still nothing sent.
    click('‹ Quay lại');
    expect(screen.getByTestId('officer-pin-state')).toHaveTextContent('Chưa đặt');
    click('Lưu');
    await settle();
    expect(screen.getByRole('alert')).toHaveTextContent('Hãy đặt mã PIN ban đầu (6 đến 8 chữ số).');
    expect(saveOfficer).not.toHaveBeenCalled();

    // Entered right this time: the message goes, the PIN is sent.
    click('Đặt mã PIN ban đầu');
    enterOnPad(OTHER_PIN);
    enterOnPad(OTHER_PIN);
    expect(screen.queryByText('Hãy đặt mã PIN ban đầu (6 đến 8 chữ số).')).not.toBeInTheDocument();
    click('Lưu');
    await settle();
    expect(saveOfficer).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ initialPin: OTHER_PIN }));
  });

  it('keeps the length rule: OK from 6 digits, no more than 8', async () => {
    renderOfficers(savedAs(NEW_ID));
    await fillNewOfficer();
    click('Đặt mã PIN ban đầu');
    for (const digit of '83912') click(digit);
    expect(screen.getByRole('button', { name: 'OK' })).toBeDisabled();
    for (const digit of '7045') click(digit);
    expect(dots()).toHaveAccessibleName('Nhập mã PIN ban đầu (6 đến 8 chữ số): đã nhập 8 chữ số');
    expect(screen.getByRole('button', { name: 'OK' })).toBeEnabled();
  });

  it("shows the backend's words for a weak PIN, on the pad again, and sends the next one", async () => {
    const saveOfficer = renderOfficers(savedAs(NEW_ID));
    saveOfficer.mockReturnValueOnce({ ok: false, error: kioskError('PIN_TOO_WEAK') });
    await fillNewOfficer();
    click('Đặt mã PIN ban đầu');
    enterOnPad(WEAK_PIN);
    enterOnPad(WEAK_PIN);
    click('Lưu');
    await settle();
    expect(saveOfficer).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ initialPin: WEAK_PIN }));
    expect(screen.getByRole('alert')).toHaveTextContent(errorMessages.PIN_TOO_WEAK);
    expect(prompt()).toHaveTextContent('Nhập mã PIN ban đầu (6 đến 8 chữ số)');
    expect(dots()).toHaveAccessibleName('Nhập mã PIN ban đầu (6 đến 8 chữ số): đã nhập 0 chữ số');

    enterOnPad(PIN);
    expect(screen.queryByText(errorMessages.PIN_TOO_WEAK)).not.toBeInTheDocument();
    enterOnPad(PIN);
    expect(screen.getByLabelText('Họ và tên')).toHaveValue('Lê Hoàng Yến');
    click('Lưu');
    await settle();
    expect(saveOfficer).toHaveBeenCalledTimes(2);
    expect(saveOfficer).toHaveBeenLastCalledWith(expect.objectContaining({ initialPin: PIN }));
    expect(screen.getByRole('status')).toHaveTextContent('Đã lưu cán bộ Lê Hoàng Yến.');
  });

  it('works from a physical keyboard too, but needs none', async () => {
    const saveOfficer = renderOfficers(savedAs(NEW_ID));
    await fillNewOfficer();
    click('Đặt mã PIN ban đầu');
    for (let twice = 0; twice < 2; twice += 1) {
      for (const key of PIN) fireEvent.keyDown(document, { key });
      fireEvent.keyDown(document, { key: 'Enter' });
    }
    click('Lưu');
    await settle();
    expect(saveOfficer).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ initialPin: PIN }));
  });
});

describe("a reset of an officer's PIN, on the PIN pad", () => {
  it('sends the new PIN entered twice with the officer, under the reset wording', async () => {
    const saveOfficer = renderOfficers(savedAs(OFFICER_HUNG));
    await settle();
    click('Sửa thông tin Trần Văn Hùng');
    expect(screen.getByTestId('officer-pin-state')).toHaveTextContent('Không đổi');
    click('Đặt lại mã PIN');
    expect(screen.getByRole('heading', { name: 'Đặt lại mã PIN cho Trần Văn Hùng' })).toBeInTheDocument();
    expect(prompt()).toHaveTextContent('Nhập mã PIN mới (6 đến 8 chữ số)');
    enterOnPad(OTHER_PIN);
    expect(prompt()).toHaveTextContent('Nhập lại mã PIN mới');
    enterOnPad(OTHER_PIN);
    expect(screen.getByTestId('officer-pin-state')).toHaveTextContent('Mã PIN mới đã nhập');
    expectNoPinInDom(OTHER_PIN);
    click('Lưu');
    await settle();
    expect(saveOfficer).toHaveBeenCalledExactlyOnceWith({ officer: hung, initialPin: OTHER_PIN });
    expectNoPinInDom(OTHER_PIN);
  });

  it('can be taken back before saving: the officer is saved without a PIN', async () => {
    const saveOfficer = renderOfficers(savedAs(OFFICER_HUNG));
    await settle();
    click('Sửa thông tin Trần Văn Hùng');
    click('Đặt lại mã PIN');
    enterOnPad(OTHER_PIN);
    enterOnPad(OTHER_PIN);
    click('Không đặt lại');
    expect(screen.getByTestId('officer-pin-state')).toHaveTextContent('Không đổi');
    click('Lưu');
    await settle();
    expect(saveOfficer).toHaveBeenCalledExactlyOnceWith({ officer: hung, initialPin: null });
  });

  it('going back from the pad leaves the PIN as it was', async () => {
    const saveOfficer = renderOfficers(savedAs(OFFICER_HUNG));
    await settle();
    click('Sửa thông tin Trần Văn Hùng');
    click('Đặt lại mã PIN');
    for (const digit of '5049') click(digit);
    click('‹ Quay lại');
    click('Lưu');
    await settle();
    expect(saveOfficer).toHaveBeenCalledExactlyOnceWith({ officer: hung, initialPin: null });
  });
});
