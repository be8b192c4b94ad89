// After a reason on the report path (issue 15; by default "Gây phiền hà, sách nhiễu"): where the
// citizen can report it and the rating's reference code to quote. The official may be standing
// in front of the screen, so it reads as ordinary information — the same calm paper and ink as
// the thank-you, no red, no warning sign, no sound, and it never repeats the reason chosen. The
// citizen closes it; left alone it gives way to the thank-you after a long while, so the next
// citizen never finds it. Zod-free: it is part of the citizen screen's entry chunk.
import { useEffect } from 'react';
import type { ReportContact } from '../../../shared/report-contact';
import type { CitizenText } from './citizen-text';
import '../styles/report-path.css';

/** Long enough to copy a ten-character code and a phone number by hand, unhurried. */
export const REPORT_NOTICE_TIMEOUT_SECONDS = 90;

export function ReportPathNotice({
  contact,
  referenceCode,
  text,
  onClose,
  timeoutSeconds = REPORT_NOTICE_TIMEOUT_SECONDS,
}: {
  contact: ReportContact;
  referenceCode: string;
  text: CitizenText;
  onClose: () => void;
  timeoutSeconds?: number;
}) {
  useEffect(() => {
    const timer = setTimeout(onClose, timeoutSeconds * 1000);
    return () => clearTimeout(timer);
  }, [onClose, timeoutSeconds]);

  return (
    <main className="screen screen--notice screen--report">
      <h1 className="report-title">{text.reportTitle}</h1>
      <dl className="report-where">
        {contact.hotline !== null && (
          <div>
            <dt>{text.reportHotline}</dt>
            <dd className="report-hotline">{contact.hotline}</dd>
          </div>
        )}
        <div>
          <dt>{text.reportPlaceLabel}</dt>
          <dd>{text.reportPlace(contact)}</dd>
        </div>
      </dl>
      <p className="report-code-label" id="report-code-label">
        {text.reportCodeLabel}
      </p>
      <p className="report-code" aria-labelledby="report-code-label" data-testid="reference-code">
        {referenceCode}
      </p>
      <p className="notice-text report-hint">{text.reportHint}</p>
      <button type="button" className="report-close" onClick={onClose}>
        {text.reportClose}
      </button>
    </main>
  );
}
