// exportReport: the period's ratings as .xlsx (summary + raw) or .csv (raw), as bytes.
import type { Database } from 'better-sqlite3';
import { toLocalIso } from '../../../shared/local-time';
import type { DayRange } from '../../../shared/periods';
import { readKioskSettings, readServiceAreas } from '../settings-repo';
import { ratingsCsv } from './csv-report';
import { reportFileName } from './report-file-name';
import { toRawRating } from './report-rows';
import { computeTallies, dailySummaries } from './tallies';
import { reportRows } from './tallies-repo';
import { ratingsWorkbook } from './xlsx-report';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_MIME = 'text/csv;charset=utf-8';

export interface ExportedFile {
  fileName: string;
  mimeType: string;
  bytes: Buffer;
}

export async function exportRatings(db: Database, range: DayRange, format: 'xlsx' | 'csv', includeFlagged: boolean, now: Date): Promise<ExportedFile> {
  const { officeName, counterNumber, timeZone, reasons } = readKioskSettings(db);
  const fileName = reportFileName(officeName, counterNumber, range, format);
  const filter = { ...range, includeFlagged };
  // One snapshot, read before the (asynchronous) workbook is written.
  const { ratings, tallies, days } = db.transaction(() => {
    const areas = readServiceAreas(db);
    return {
      ratings: Array.from(reportRows(db, filter), (row) => toRawRating(row, areas, reasons)),
      tallies: format === 'xlsx' ? computeTallies(db, range, includeFlagged) : null,
      days: format === 'xlsx' ? dailySummaries(db, filter) : [],
    };
  })();
  if (tallies === null) return { fileName, mimeType: CSV_MIME, bytes: ratingsCsv(ratings, includeFlagged) };
  const exportedAt = toLocalIso(now, timeZone).slice(0, 23);
  return { fileName, mimeType: XLSX_MIME, bytes: await ratingsWorkbook({ officeName, counterNumber, exportedAt }, tallies, days, ratings) };
}
