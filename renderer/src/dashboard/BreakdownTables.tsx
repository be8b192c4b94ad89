// Per officer and per service area. A rate that could single out one officer (the officer's row,
// or an area one officer served) shows only from the configured minimum number of ratings: below
// it "chưa đủ dữ liệu", so one or two ratings don't brand a person. The backend applies the rule
// (electron/backend/reports/tallies.ts rateWithMinimum); the screen only says it.
import type { Tallies } from '../../../shared/tallies';
import { formatCount, formatShare } from './figures-format';

export const NOT_ENOUGH_DATA = 'chưa đủ dữ liệu';

/** A rate, or why none shows: withheld ("chưa đủ dữ liệu") when there were ratings, "—" when none. */
export function rateCell(rate: number | null, total: number): string {
  if (rate !== null) return formatShare(rate);
  return total > 0 ? NOT_ENOUGH_DATA : '—';
}

/** Rows beyond `maxRows` are summed into one line (the printed page has one page). */
function capped<T extends { total: number; satisfied: number }>(rows: T[], maxRows: number | undefined) {
  if (maxRows === undefined || rows.length <= maxRows) return { shown: rows, rest: null };
  const hidden = rows.slice(maxRows - 1);
  return {
    shown: rows.slice(0, maxRows - 1),
    rest: { count: hidden.length, total: hidden.reduce((n, r) => n + r.total, 0), satisfied: hidden.reduce((n, r) => n + r.satisfied, 0) },
  };
}

export function officerThresholdCaption(minimum: number): string {
  return `Tỉ lệ của một cán bộ chỉ hiện khi có từ ${formatCount(minimum)} đánh giá trở lên trong kỳ; ít hơn thì ghi “${NOT_ENOUGH_DATA}”.`;
}

/** The same rule, for figures that are not a person's but may be one person's work. */
export function singleOfficerCaption(minimum: number): string {
  return `Lĩnh vực, ngày hay kỳ chỉ do một cán bộ phục vụ: tỉ lệ chỉ hiện khi có từ ${formatCount(minimum)} đánh giá trở lên.`;
}

interface BreakdownRow {
  key: string;
  name: string;
  total: number;
  satisfied: number;
  satisfactionRate: number | null;
}

/** One table shape for every "per …" breakdown: name, count, satisfied, rate. */
function BreakdownTable(props: {
  testId: string;
  title: string;
  caption?: string;
  nameHeader: string;
  /** "cán bộ", "lĩnh vực": for the summed line "N … khác". */
  otherNoun: string;
  rows: BreakdownRow[];
  maxRows: number | undefined;
}) {
  const { shown, rest } = capped(props.rows, props.maxRows);
  return (
    <table className="figures-table" data-testid={props.testId}>
      <caption>
        <span className="table-title">{props.title}</span>
        {props.caption !== undefined && <span className="table-caption">{props.caption}</span>}
      </caption>
      <thead>
        <tr>
          <th scope="col">{props.nameHeader}</th>
          <th scope="col" className="num">
            Số đánh giá
          </th>
          <th scope="col" className="num">
            Hài lòng trở lên
          </th>
          <th scope="col" className="num">
            Tỉ lệ hài lòng
          </th>
        </tr>
      </thead>
      <tbody>
        {shown.map((row) => (
          <tr key={row.key}>
            <th scope="row">{row.name}</th>
            <td className="num">{formatCount(row.total)}</td>
            <td className="num">{formatCount(row.satisfied)}</td>
            <td className={row.satisfactionRate === null && row.total > 0 ? 'num not-enough' : 'num'}>{rateCell(row.satisfactionRate, row.total)}</td>
          </tr>
        ))}
        {rest !== null && (
          <tr>
            <th scope="row">
              {formatCount(rest.count)} {props.otherNoun} khác
            </th>
            <td className="num">{formatCount(rest.total)}</td>
            <td className="num">{formatCount(rest.satisfied)}</td>
            {/* No rate for a summed line: it mixes rows (and for officers, hides who is below the threshold). */}
            <td className="num">—</td>
          </tr>
        )}
        {props.rows.length === 0 && (
          <tr>
            <td colSpan={4}>Không có số liệu.</td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

export function OfficerTable({ tallies, maxRows }: { tallies: Tallies; maxRows?: number }) {
  return (
    <BreakdownTable
      testId="officer-table"
      title="Theo cán bộ"
      caption={officerThresholdCaption(tallies.officerMinimumRatings)}
      nameHeader="Cán bộ"
      otherNoun="cán bộ"
      rows={tallies.byOfficer.map((r) => ({ ...r, key: r.officerId ?? 'none' }))}
      maxRows={maxRows}
    />
  );
}

export function ServiceAreaTable({ tallies, maxRows }: { tallies: Tallies; maxRows?: number }) {
  return (
    <BreakdownTable
      testId="service-area-table"
      title="Theo lĩnh vực"
      caption={singleOfficerCaption(tallies.officerMinimumRatings)}
      nameHeader="Lĩnh vực"
      otherNoun="lĩnh vực"
      rows={tallies.byServiceArea.map((r) => ({ ...r, key: r.serviceCode ?? 'none' }))}
      maxRows={maxRows}
    />
  );
}

export function TopReasons({ tallies, max = 8 }: { tallies: Tallies; max?: number }) {
  if (tallies.topReasons.length === 0) return null;
  return (
    <div className="top-reasons">
      <h3 className="figures-title">Lý do không hài lòng thường gặp</h3>
      <ol>
        {tallies.topReasons.slice(0, max).map((r) => (
          <li key={r.reason}>
            {r.reason}: <strong>{formatCount(r.count)}</strong>
          </li>
        ))}
      </ol>
    </div>
  );
}

/**
 * Reason choices by the national survey's factors (SIPAS): which part of the service the
 * complaints are about. Choices, not ratings: a citizen may pick several reasons.
 */
export function FactorTable({ tallies }: { tallies: Tallies }) {
  if (tallies.byFactor.length === 0) return null;
  return (
    <table className="figures-table" data-testid="factor-table">
      <caption>
        <span className="table-title">Theo nhóm tiêu chí</span>
        <span className="table-caption">Lý do chưa hài lòng, gộp theo năm nhóm tiêu chí của khảo sát SIPAS; một người có thể chọn nhiều lý do.</span>
      </caption>
      <thead>
        <tr>
          <th scope="col">Nhóm tiêu chí</th>
          <th scope="col" className="num">
            Số lượt chọn
          </th>
          <th scope="col" className="num">
            Tỉ lệ
          </th>
        </tr>
      </thead>
      <tbody>
        {tallies.byFactor.map((row) => (
          <tr key={row.factor ?? 'none'}>
            <th scope="row">{row.name}</th>
            <td className="num">{formatCount(row.count)}</td>
            <td className="num">{row.share === null ? '—' : formatShare(row.share)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
