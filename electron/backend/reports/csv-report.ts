// CSV for spreadsheets: UTF-8 with a BOM (without it Excel on Windows reads the file as the
// ANSI code page and breaks every Vietnamese letter), RFC 4180 quoting, CRLF line ends.
import { rawHeaders, SUSPECTED_HEADER, type RawRating } from './report-rows';

const BOM = '\uFEFF';

/**
 * Quote when RFC 4180 requires it. Text that a spreadsheet would run as a formula (a name or
 * dossier code starting with = + - @) gets a leading apostrophe: OWASP's CSV-injection advice.
 */
export function csvField(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** `withSuspected`: the export includes suspected ratings, and a last column says which. */
export function ratingsCsv(ratings: Iterable<RawRating>, withSuspected = false): Buffer {
  const lines = [[...rawHeaders, ...(withSuspected ? [SUSPECTED_HEADER] : [])].map(csvField).join(',')];
  for (const r of ratings) {
    lines.push(
      [r.localDateTime.replace('T', ' ').slice(0, 19), r.day, r.scale, r.level, r.label, r.officer, r.serviceArea, r.dossierCode, r.reasons, r.factors, ...(withSuspected ? [r.suspected] : [])]
        .map(csvField)
        .join(','),
    );
  }
  return Buffer.from(BOM + lines.join('\r\n') + '\r\n', 'utf8');
}
