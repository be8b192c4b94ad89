import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MethodOutput } from '../../shared/contract';
import { kioskError } from '../../shared/errors';
import type { DayRange } from '../../shared/periods';
import type { Result } from '../../shared/result';
import type { StaffSession } from '../../shared/staff';
import type { Tallies } from '../../shared/tallies';
import { KioskApiProvider } from '../../renderer/src/api/kiosk-api-context';
import { ReportPrintView } from '../../renderer/src/reports/ReportPrintView';
import { ReportsScreen } from '../../renderer/src/reports/ReportsScreen';
import { fakeKioskApi, type FakeMethods } from '../support/renderer-api';
import { asStaff, emptyTallies, home, normalDayTallies, session } from '../support/renderer-fixtures';

const TODAY = '2026-11-25';
const ok = <T,>(data: T) => ({ ok: true as const, data });
/** Charts render slowly in jsdom on a small CI machine. */
const SLOW = { timeout: 5_000 };
const rangeOf = (input: unknown) => (input as { range: DayRange }).range;

function renderReports(methods: FakeMethods, signedIn: StaffSession = session()) {
  const print = vi.fn();
  render(
    <KioskApiProvider api={fakeKioskApi({ getHomeScreen: () => ok(home()), getTallies: (input) => ok(normalDayTallies(rangeOf(input))), ...methods })}>
      {asStaff(<ReportsScreen today={TODAY} print={print} />, signedIn)}
    </KioskApiProvider>,
  );
  return { print };
}

describe('exporting', () => {
  let saved: { blob: Blob; fileName: string; href: string }[];
  beforeEach(() => {
    saved = [];
    let lastBlob: Blob | null = null;
    URL.createObjectURL = vi.fn((blob: Blob) => {
      lastBlob = blob;
      return 'blob:kiosk/1';
    });
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      if (lastBlob !== null) saved.push({ blob: lastBlob, fileName: this.download, href: this.getAttribute('href') ?? '' });
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('"Xuất Excel" asks the backend for the chosen period and downloads the file it made', async () => {
    const bytes = 'PK\u0003\u0004 fake xlsx';
    const exportReport = vi.fn(
      (): Result<MethodOutput<'exportReport'>> =>
        ok({ fileName: 'danh-gia-2026-11-01-2026-11-25.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', base64: btoa(bytes) }),
    );
    renderReports({ exportReport });
    fireEvent.click(screen.getByRole('button', { name: 'Xuất Excel' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(exportReport).toHaveBeenCalledExactlyOnceWith({ range: { from: '2026-11-01', to: TODAY }, format: 'xlsx', includeFlagged: false });
    expect(saved[0]?.fileName).toBe('danh-gia-2026-11-01-2026-11-25.xlsx');
    expect(saved[0]?.href).toBe('blob:kiosk/1');
    expect(saved[0]?.blob.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(new Uint8Array(await saved[0]?.blob.arrayBuffer() ?? new ArrayBuffer(0))).toEqual(Uint8Array.from(bytes, (c) => c.charCodeAt(0)));
    expect(screen.getByRole('status')).toHaveTextContent('Đã tạo tệp danh-gia-2026-11-01-2026-11-25.xlsx.');
  });

  it('"Xuất CSV" keeps the bytes exactly (UTF-8 with BOM, Vietnamese intact)', async () => {
    const csv = '\uFEFFCán bộ;Số đánh giá\nNguyễn Thị Lan;9\n';
    const utf8 = new TextEncoder().encode(csv);
    const exportReport = vi.fn(() => ok({ fileName: 'danh-gia.csv', mimeType: 'text/csv;charset=utf-8', base64: btoa(String.fromCharCode(...utf8)) }));
    renderReports({ exportReport });
    fireEvent.click(screen.getByRole('button', { name: 'Tuần trước' }));
    fireEvent.click(screen.getByRole('button', { name: 'Xuất CSV' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(exportReport).toHaveBeenCalledWith({ range: { from: '2026-11-16', to: '2026-11-22' }, format: 'csv', includeFlagged: false });
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(await saved[0]?.blob.arrayBuffer())).toBe(csv);
  });

  it('says why an export failed', async () => {
    renderReports({ exportReport: () => ({ ok: false, error: kioskError('FORBIDDEN') }) });
    fireEvent.click(screen.getByRole('button', { name: 'Xuất Excel' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Tài khoản này không có quyền thực hiện thao tác này.');
    expect(saved).toHaveLength(0);
  });
});

describe('printing', () => {
  it('asks for a PDF first; in browser mode (NOT_SUPPORTED) opens the print dialog on the A4 report', async () => {
    const savePdfReport = vi.fn((): Result<MethodOutput<'savePdfReport'>> => ({ ok: false, error: kioskError('NOT_SUPPORTED') }));
    const { print } = renderReports({ savePdfReport });
    fireEvent.click(screen.getByRole('button', { name: 'In báo cáo ngày' }));
    await waitFor(() => expect(print).toHaveBeenCalledOnce(), SLOW);
    expect(savePdfReport).toHaveBeenCalledExactlyOnceWith({ fileName: 'bao-cao-ngay-2026-11-25.pdf' });
    const report = within(screen.getByTestId('print-report'));
    expect(report.getByText('UBND phường Bến Nghé')).toBeInTheDocument();
    expect(report.getByRole('heading', { name: 'BÁO CÁO NGÀY' })).toBeInTheDocument();
    expect(report.getByText('Ngày 25/11/2026 · Quầy số 4')).toBeInTheDocument();
    expect(report.getByTestId('satisfaction-rate')).toHaveTextContent('66,7 %');
    expect(report.getByText(/^In lúc: \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$/)).toBeInTheDocument();
    // The report lives outside the app's root, so the print stylesheet can print it alone.
    expect(screen.getByTestId('print-report').closest('.print-preview')?.parentElement).toBe(document.body);
  });

  it('in Electron saves the PDF and says where, without the print dialog', async () => {
    const { print } = renderReports({ savePdfReport: () => ok({ path: 'C:\\Users\\mc\\Documents\\bao-cao-ngay-2026-11-25.pdf' }) });
    fireEvent.click(screen.getByRole('button', { name: 'In báo cáo ngày' }));
    expect(await screen.findByText('Đã lưu PDF: C:\\Users\\mc\\Documents\\bao-cao-ngay-2026-11-25.pdf', {}, SLOW)).toBeInTheDocument();
    expect(print).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Đóng bản in' }));
    expect(screen.queryByTestId('print-report')).not.toBeInTheDocument();
  });

  it('prints the chosen month, whole, for the section head (all counters)', async () => {
    const getTallies = vi.fn((input: unknown) => ok(normalDayTallies(rangeOf(input))));
    const savePdfReport = vi.fn((): Result<MethodOutput<'savePdfReport'>> => ({ ok: false, error: kioskError('NOT_SUPPORTED') }));
    const { print } = renderReports({ getTallies, savePdfReport }, session({ role: 'section-head', officerId: null, displayName: 'Trưởng bộ phận' }));
    fireEvent.change(screen.getByLabelText('Tháng'), { target: { value: '2026-10' } });
    fireEvent.click(screen.getByRole('button', { name: 'In báo cáo tháng' }));
    await waitFor(() => expect(print).toHaveBeenCalledOnce(), SLOW);
    expect(getTallies).toHaveBeenCalledWith({ range: { from: '2026-10-01', to: '2026-10-31' }, includeFlagged: false });
    expect(savePdfReport).toHaveBeenCalledWith({ fileName: 'bao-cao-thang-2026-10.pdf' });
    expect(screen.getByText('Tháng 10/2026 (01/10/2026 – 31/10/2026) · Tất cả các quầy')).toBeInTheDocument();
  });
});

/** The daily report of counter 4 as printed, for the given figures. */
function DailyReport({ tallies }: { tallies: Tallies }) {
  return (
    <ReportPrintView
      tallies={tallies}
      officeName="UBND phường Bến Nghé"
      scope="Quầy số 4"
      title="BÁO CÁO NGÀY"
      periodLabel="Ngày 25/11/2026"
      printedAt={new Date('2026-11-25T17:05:00+07:00')}
    />
  );
}

describe('ReportPrintView', () => {
  it('prints the suspected ratings ("nghi ngờ") on their own, also for a day with no other rating', async () => {
    const { rerender } = render(
      <DailyReport tallies={{ ...normalDayTallies(), suspectedCount: 7, excludedFlaggedCount: 7 }} />,
    );
    await act(async () => {});
    expect(screen.getByTestId('suspected-ratings')).toHaveTextContent('7');
    expect(screen.getByText('Không tính 7 đánh giá nghi ngờ.')).toBeInTheDocument();
    rerender(
      <DailyReport tallies={{ ...emptyTallies(), suspectedCount: 50, excludedFlaggedCount: 50 }} />,
    );
    await act(async () => {});
    expect(screen.getByTestId('total-ratings')).toHaveTextContent('0');
    expect(screen.getByTestId('suspected-ratings')).toHaveTextContent('50');
  });


  it('draws both charts at fixed pixel sizes and both tables, so it renders for print', async () => {
    render(
      <DailyReport tallies={normalDayTallies()} />,
    );
    await act(async () => {});
    const surfaces = screen.getByTestId('print-report').querySelectorAll('.recharts-wrapper > svg.recharts-surface');
    expect(surfaces).toHaveLength(2);
    for (const svg of surfaces) expect(svg).toHaveAttribute('width', '700');
    expect(screen.getByTestId('officer-table')).toHaveTextContent('chưa đủ dữ liệu');
    expect(screen.getByTestId('service-area-table')).toHaveTextContent('Chứng thực');
    expect(screen.getByTestId('factor-table')).toHaveTextContent(/Tiếp cận dịch vụ\s*3\s*100,0 %/);
    expect(screen.getByText('In lúc: 17:05 25/11/2026')).toBeInTheDocument();
  });
});
