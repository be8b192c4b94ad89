// `npm run central -- report --month YYYY-MM [--period month|quarter|year] [--unit MÃ] [--below 0.8] --out TỆP.xlsx`
// (issue 16): the same .xlsx as GET /api/v1/reports/monthly.xlsx, written by the operator (who
// holds the database, so sees the whole province). Parsed here with the route's own schema
// (shared/central-dashboard.ts), so the command and the route accept the same values.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { reportQuerySchema, reportRange } from '../../shared/central-dashboard';
import type { CentralStore } from '../store/central-store';
import { writeAtomically } from '../sync-file-commands';
import { unitCodeSchema } from '../units';
import { DashboardRefusal } from './dashboard-refusal';
import { loadDashboardFigures } from './dashboard-service';
import { dashboardWorkbook } from './dashboard-xlsx';

export const reportUsage = `  report --month YYYY-MM [--period month|quarter|year] [--unit MÃ_ĐƠN_VỊ] [--below 0.8] --out TỆP.xlsx
      ghi báo cáo mức độ hài lòng (tháng, hoặc quý/năm chứa tháng đó) của một đơn vị (kể cả các đơn vị
      trực thuộc) hoặc toàn tỉnh ra tệp .xlsx; --below: ngưỡng tỉ lệ để liệt kê đơn vị dưới ngưỡng;
      in REPORT_FILE=…
`;

export interface ReportCommand {
  command: 'report';
  month: string;
  period: 'month' | 'quarter' | 'year';
  unit: string | undefined;
  below: number;
  out: string;
  dataDir: string;
}

const outSchema = z.string({ error: 'Cần --out TỆP.xlsx' }).trim().regex(/\.xlsx$/i, '--out phải là tệp .xlsx');

/** `argv` after "report"; `dataDir` parsed by the caller's schema. Throws `usageError(message)`. */
export function parseReportArgs(argv: readonly string[], dataDir: (value: unknown) => string, usageError: (message: string) => Error): ReportCommand {
  const text = { type: 'string' } as const;
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: [...argv], options: { month: text, period: text, unit: text, below: text, out: text, 'data-dir': text }, strict: true, allowPositionals: false }));
  } catch (error) {
    throw usageError(`Tham số không hợp lệ (${error instanceof Error ? error.message.split('.')[0] : String(error)})`);
  }
  const { out, 'data-dir': dir, ...query } = values;
  const q = reportQuerySchema.safeParse(query);
  if (!q.success) throw usageError(q.error.issues[0]?.message ?? 'Tham số không hợp lệ');
  const unit = q.data.unit === undefined ? undefined : unitCodeSchema.safeParse(q.data.unit);
  if (unit !== undefined && !unit.success) throw usageError(unit.error.issues[0]?.message ?? 'Mã đơn vị không hợp lệ');
  const file = outSchema.safeParse(out);
  if (!file.success) throw usageError(file.error.issues[0]?.message ?? 'Cần --out TỆP.xlsx');
  return { command: 'report', month: q.data.month, period: q.data.period, unit: unit?.data, below: q.data.below, out: file.data, dataDir: dataDir(dir) };
}

interface Io {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  now: () => Date;
  officerMinimumRatings: number;
}

export async function runReportCommand(command: ReportCommand, store: CentralStore, io: Io): Promise<number> {
  const subject = command.unit === undefined ? ({ kind: 'province', limitedToUnits: null } as const) : ({ kind: 'unit', code: command.unit } as const);
  try {
    const figures = await loadDashboardFigures(store, { role: 'province-admin', units: [] }, subject, {
      range: reportRange(command),
      includeFlagged: false,
      officerMinimumRatings: io.officerMinimumRatings,
    });
    writeAtomically(command.out, await dashboardWorkbook(figures, { period: command.period, below: command.below, madeAt: io.now() }), 0o644);
    io.stdout.write(`Đã ghi báo cáo ${figures.subject.name}, ${figures.range.from} – ${figures.range.to}: ${figures.total} đánh giá.\n`);
    io.stdout.write(`REPORT_FILE=${command.out}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof DashboardRefusal)) throw error;
    io.stderr.write(`${error.message} (${error.detail ?? ''})\n`);
    return 1;
  }
}
