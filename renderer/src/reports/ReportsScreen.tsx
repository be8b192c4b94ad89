// Reports: export a period to Excel or CSV (the backend builds the file, the page saves it),
// and print the daily or monthly one-page A4 report. Printing asks the backend for a PDF first
// (Electron: printToPDF of this page, so the report is on the page before asking); in browser
// mode it answers NOT_SUPPORTED and the print dialog opens instead.
import { useId, useState } from 'react';
import { dayRangeSchema, type DayRange } from '../../../shared/periods';
import type { KioskError } from '../../../shared/result';
import { useKioskApi } from '../api/kiosk-api-context';
import { PeriodPicker, periodRange, type Period } from '../dashboard/PeriodPicker';
import { kioskToday } from '../time/kiosk-time-zone';
import { useStaffSession } from '../staff/staff-session-context';
import { PrintPreview } from './PrintPreview';
import type { ReportPrintViewProps } from './ReportPrintView';
import { monthRange, reportFileName, reportPeriodLabel, reportTitle, type ReportKind } from './report-period';
import { saveProducedFile } from './save-download';

type Message = { tone: 'ok' | 'problem'; text: string } | null;

/** Lets React commit and the browser lay out (and recharts draw) before printing. */
const nextPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50)));

export function ReportsScreen({ today: pinnedToday, print = () => window.print() }: { today?: string; print?: () => void }) {
  const api = useKioskApi();
  const { session, handleSessionError } = useStaffSession();
  const id = useId();
  const [today] = useState(() => pinnedToday ?? kioskToday());
  const [period, setPeriod] = useState<Period>({ preset: 'this-month' });
  const [includeFlagged, setIncludeFlagged] = useState(false);
  const [day, setDay] = useState(today);
  const [month, setMonth] = useState(today.slice(0, 7));
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message>(null);
  const [report, setReport] = useState<{ view: ReportPrintViewProps; kind: ReportKind; range: DayRange } | null>(null);
  const [printStatus, setPrintStatus] = useState<string | null>(null);

  const range = periodRange(period, today);
  const rangeValid = dayRangeSchema.safeParse(range).success;

  const fail = (error: KioskError) => {
    if (!handleSessionError(error)) setMessage({ tone: 'problem', text: error.message });
  };

  const exportFile = async (format: 'xlsx' | 'csv') => {
    setBusy(true);
    setMessage(null);
    const reply = await api.exportReport({ range, format, includeFlagged });
    setBusy(false);
    if (!reply.ok) return fail(reply.error);
    saveProducedFile(reply.data);
    setMessage({ tone: 'ok', text: `Đã tạo tệp ${reply.data.fileName}.` });
  };

  const printOrSave = async (kind: ReportKind, fileRange: DayRange) => {
    setPrintStatus('Đang tạo bản in…');
    await nextPaint();
    const reply = await api.savePdfReport({ fileName: reportFileName(kind, fileRange) });
    if (reply.ok) setPrintStatus(`Đã lưu PDF: ${reply.data.path}`);
    else if (reply.error.code === 'NOT_SUPPORTED') {
      setPrintStatus(null);
      print();
    } else {
      setPrintStatus(reply.error.message);
      handleSessionError(reply.error);
    }
  };

  const openReport = async (kind: ReportKind) => {
    const reportRange = kind === 'day' ? { from: day, to: day } : monthRange(month, today);
    setBusy(true);
    setMessage(null);
    const [tallies, home] = await Promise.all([api.getTallies({ range: reportRange, includeFlagged: false }), api.getHomeScreen({})]);
    setBusy(false);
    if (!tallies.ok) return fail(tallies.error);
    if (!home.ok) return fail(home.error);
    setReport({
      kind,
      range: reportRange,
      view: {
        tallies: tallies.data,
        officeName: home.data.officeName,
        scope: session.role === 'officer' ? `Quầy số ${home.data.counterNumber}` : 'Tất cả các quầy',
        title: reportTitle(kind),
        periodLabel: reportPeriodLabel(kind, reportRange),
        printedAt: new Date(),
      },
    });
    await printOrSave(kind, reportRange);
  };

  return (
    <section className="reports-screen">
      {message !== null && (
        <p className={`staff-message staff-message--${message.tone}`} role={message.tone === 'ok' ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
      <div className="report-card">
        <h3 className="staff-subtitle">Xuất dữ liệu ra tệp</h3>
        <PeriodPicker value={period} onChange={setPeriod} today={today} />
        <button type="button" className="toggle" role="switch" aria-checked={includeFlagged} onClick={() => setIncludeFlagged((v) => !v)}>
          <span className="toggle-knob" aria-hidden="true" />
          Tính cả đánh giá nghi ngờ
        </button>
        <div className="button-row">
          <button type="button" className="staff-button staff-button--primary" disabled={busy || !rangeValid} onClick={() => void exportFile('xlsx')}>
            Xuất Excel
          </button>
          <button type="button" className="staff-button" disabled={busy || !rangeValid} onClick={() => void exportFile('csv')}>
            Xuất CSV
          </button>
        </div>
        <p className="staff-note">Tệp Excel gồm trang tổng hợp và trang chi tiết từng đánh giá; tệp CSV mở được bằng Excel, giữ nguyên dấu tiếng Việt.</p>
        <p className="staff-note">
          {includeFlagged
            ? 'Tệp có cả đánh giá nghi ngờ; cột “Nghi ngờ” ghi lý do nghi ngờ của từng đánh giá.'
            : 'Đánh giá nghi ngờ không có trong tệp; số lượng của chúng ghi ở trang tổng hợp.'}
        </p>
      </div>
      <div className="report-card">
        <h3 className="staff-subtitle">In báo cáo (một trang A4)</h3>
        <div className="report-print-row">
          <label htmlFor={`${id}-day`}>Ngày</label>
          <input id={`${id}-day`} className="form-input form-input--date" type="date" value={day} max={today} onChange={(e) => e.target.value !== '' && setDay(e.target.value)} />
          <button type="button" className="staff-button staff-button--primary" disabled={busy} onClick={() => void openReport('day')}>
            In báo cáo ngày
          </button>
        </div>
        <div className="report-print-row">
          <label htmlFor={`${id}-month`}>Tháng</label>
          <input
            id={`${id}-month`}
            className="form-input form-input--date"
            type="month"
            value={month}
            max={today.slice(0, 7)}
            onChange={(e) => e.target.value !== '' && setMonth(e.target.value)}
          />
          <button type="button" className="staff-button staff-button--primary" disabled={busy} onClick={() => void openReport('month')}>
            In báo cáo tháng
          </button>
        </div>
      </div>
      {report !== null && (
        <PrintPreview
          report={report.view}
          status={printStatus}
          onPrint={() => void printOrSave(report.kind, report.range)}
          onClose={() => {
            setReport(null);
            setPrintStatus(null);
          }}
        />
      )}
    </section>
  );
}
