// The report-path notice on the citizen screen (issue 15): shown after a report-path reason with
// the office's hotline and place and the rating's reference code; closed by the citizen or by
// itself after a long while (to the thank-you); never after other reasons; English too.
import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StoredRating } from '../../shared/contract';
import type { Result } from '../../shared/result';
import { KioskApiProvider } from '../../renderer/src/api/kiosk-api-context';
import { CitizenScreen, THANK_YOU } from '../../renderer/src/screens/CitizenScreen';
import { REPORT_NOTICE_TIMEOUT_SECONDS } from '../../renderer/src/screens/ReportPathNotice';
import { fakeKioskApi, type FakeMethods } from '../support/renderer-api';
import { home } from '../support/renderer-fixtures';

const RATING_ID = '01900000-0000-7000-8000-000000000001';
const CODE = 'HL-2EBVB-WKQ1P';
const reasons = [
  { code: 'CHO-LAU', label: 'Thời gian chờ lâu', labelEn: 'Long waiting time', factor: 'access' as const, reportPath: false },
  { code: 'PHIEN-HA', label: 'Gây phiền hà, sách nhiễu', labelEn: 'Harassment or request for favours', factor: 'officer' as const, reportPath: true },
];
const contact = { hotline: '0236 1022', place: 'Cổng Dịch vụ công quốc gia — dichvucong.gov.vn', placeEn: 'National Public Service Portal — dichvucong.gov.vn' };
const TITLE = 'Ông/Bà có thể gửi phản ánh, kiến nghị tới:';

const stored = (): Result<StoredRating> => ({ ok: true, data: { id: RATING_ID, seq: 1, createdAt: '2026-11-23T09:15:02.123+07:00' } });

function renderScreen(methods: FakeMethods) {
  render(
    <KioskApiProvider api={fakeKioskApi(methods)}>
      <CitizenScreen retrySeconds={15} />
    </KioskApiProvider>,
  );
}
const settle = () => act(async () => {});

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

async function rateBadlyAndSend(labels: string[], submitReasons: NonNullable<FakeMethods['submitReasons']>, patch = {}) {
  renderScreen({ getHomeScreen: () => ({ ok: true, data: home({ reasons, reportContact: contact, ...patch }) }), submitRating: stored, submitReasons });
  await settle();
  fireEvent.click(screen.getByRole('button', { name: /Không hài lòng|Not satisfied/ }));
  await settle();
  for (const label of labels) fireEvent.click(screen.getByRole('button', { name: label }));
  fireEvent.click(screen.getByRole('button', { name: /Gửi lý do|Send/ }));
  await settle();
}

describe('the report-path notice', () => {
  it('shows the hotline, the place and the reference code after "Gây phiền hà, sách nhiễu", and "Đóng" leads to the thank-you', async () => {
    const submitReasons = vi.fn(() => ({ ok: true as const, data: { id: '01900000-0000-7000-8000-0000000000ff', referenceCode: CODE } }));
    await rateBadlyAndSend(['Gây phiền hà, sách nhiễu'], submitReasons);
    expect(submitReasons).toHaveBeenCalledExactlyOnceWith({ ratingId: RATING_ID, reasonCodes: ['PHIEN-HA'] });
    expect(screen.getByRole('heading', { name: TITLE })).toBeInTheDocument();
    expect(screen.getByText('0236 1022')).toBeInTheDocument();
    expect(screen.getByText(contact.place)).toBeInTheDocument();
    expect(screen.getByTestId('reference-code')).toHaveTextContent(CODE);
    // Discreet: it never repeats the reason, nor names anyone.
    expect(document.body).not.toHaveTextContent(/sách nhiễu|phiền hà/);
    fireEvent.click(screen.getByRole('button', { name: 'Đóng' }));
    expect(screen.getByRole('heading', { name: THANK_YOU })).toBeInTheDocument();
  });

  it('gives way to the thank-you by itself after a generous time, never sooner', async () => {
    await rateBadlyAndSend(['Gây phiền hà, sách nhiễu'], () => ({ ok: true, data: { id: '01900000-0000-7000-8000-0000000000ff', referenceCode: CODE } }));
    expect(REPORT_NOTICE_TIMEOUT_SECONDS).toBeGreaterThanOrEqual(60);
    await act(async () => vi.advanceTimersByTime(REPORT_NOTICE_TIMEOUT_SECONDS * 1000 - 100));
    expect(screen.getByTestId('reference-code')).toBeInTheDocument();
    await act(async () => vi.advanceTimersByTime(200));
    expect(screen.getByRole('heading', { name: THANK_YOU })).toBeInTheDocument();
  });

  it('is not shown after other reasons, nor when the backend gave no code', async () => {
    const submitReasons = vi.fn(() => ({ ok: true as const, data: { id: '01900000-0000-7000-8000-0000000000ff', referenceCode: null } }));
    await rateBadlyAndSend(['Thời gian chờ lâu'], submitReasons);
    expect(screen.getByRole('heading', { name: THANK_YOU })).toBeInTheDocument();
    expect(screen.queryByTestId('reference-code')).not.toBeInTheDocument();
    expect(submitReasons).toHaveBeenCalledOnce();
  });

  it('thanks as usual when the reasons could not be stored', async () => {
    await rateBadlyAndSend(['Gây phiền hà, sách nhiễu'], () => ({ ok: false, error: { code: 'STORAGE_FAILED', message: 'x' } }));
    expect(screen.getByRole('heading', { name: THANK_YOU })).toBeInTheDocument();
    expect(screen.queryByTestId('reference-code')).not.toBeInTheDocument();
  });

  it('reads in English for a citizen who chose it, and leaves the hotline out when the office has none', async () => {
    renderScreen({
      getHomeScreen: () => ({ ok: true, data: home({ languages: ['vi', 'en'], reasons, reportContact: { ...contact, hotline: null } }) }),
      submitRating: stored,
      submitReasons: () => ({ ok: true, data: { id: '01900000-0000-7000-8000-0000000000ff', referenceCode: CODE } }),
    });
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'English' }));
    fireEvent.click(screen.getByRole('button', { name: 'Not satisfied' }));
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'Harassment or request for favours' }));
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await settle();
    expect(screen.getByRole('heading', { name: 'You can send feedback or a complaint to:' })).toBeInTheDocument();
    expect(screen.getByText(contact.placeEn)).toBeInTheDocument();
    expect(screen.queryByText('Hotline')).not.toBeInTheDocument();
    expect(screen.getByTestId('reference-code')).toHaveTextContent(CODE);
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(screen.getByRole('heading', { name: 'Thank you for your rating!' })).toBeInTheDocument();
  });
});
