// The report as it will print, over the staff area: an A4 sheet on screen with "In" and
// "Đóng bản in". Rendered outside #root (a portal into <body>), so the print stylesheet can
// hide the whole app and print this sheet alone.
import { createPortal } from 'react-dom';
import { ReportPrintView, type ReportPrintViewProps } from './ReportPrintView';

export function PrintPreview({ report, onPrint, onClose, status }: { report: ReportPrintViewProps; onPrint: () => void; onClose: () => void; status: string | null }) {
  return createPortal(
    <div className="print-preview" role="dialog" aria-modal="true" aria-label="Bản in báo cáo">
      <div className="print-toolbar">
        <button type="button" className="staff-button staff-button--primary" onClick={onPrint}>
          In
        </button>
        <button type="button" className="staff-button" onClick={onClose}>
          Đóng bản in
        </button>
        {status !== null && (
          <span className="print-status" role="status">
            {status}
          </span>
        )}
      </div>
      <div className="print-sheet">
        <ReportPrintView {...report} />
      </div>
    </div>,
    document.body,
  );
}
