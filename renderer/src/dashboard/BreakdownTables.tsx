// Per officer and per service area. An officer's rate shows only from the configured minimum
// number of ratings: below it "chưa đủ dữ liệu", so one or two ratings don't brand a person.
import type { Tallies } from '../../../shared/tallies';
import { formatCount, formatShare } from './figures-format';

export const NOT_ENOUGH_DATA = 'chưa đủ dữ liệu';

function rateCell(rate: number | null, total: number): string {
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

export function OfficerTable({ tallies, maxRows }: { tallies: Tallies; maxRows?: number }) {
  const { shown, rest } = capped(tallies.byOfficer, maxRows);
  return (
    <table className="figures-table" data-testid="officer-table">
      <caption>
        <span className="table-title">Theo cán bộ</span>
        <span className="table-caption">{officerThresholdCaption(tallies.officerMinimumRatings)}</span>
      </caption>
      <thead>
        <tr>
          <th scope="col">Cán bộ</th>
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
          <tr key={row.officerId ?? 'none'}>
            <th scope="row">{row.name}</th>
            <td className="num">{formatCount(row.total)}</td>
            <td className="num">{formatCount(row.satisfied)}</td>
            <td className={row.satisfactionRate === null && row.total > 0 ? 'num not-enough' : 'num'}>{rateCell(row.satisfactionRate, row.total)}</td>
          </tr>
        ))}
        {rest !== null && (
          <tr>
            <th scope="row">{formatCount(rest.count)} cán bộ khác</th>
            <td className="num">{formatCount(rest.total)}</td>
            <td className="num">{formatCount(rest.satisfied)}</td>
            <td className="num">—</td>
          </tr>
        )}
        {tallies.byOfficer.length === 0 && (
          <tr>
            <td colSpan={4}>Không có số liệu.</td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

export function ServiceAreaTable({ tallies, maxRows }: { tallies: Tallies; maxRows?: number }) {
  const { shown, rest } = capped(tallies.byServiceArea, maxRows);
  return (
    <table className="figures-table" data-testid="service-area-table">
      <caption>
        <span className="table-title">Theo lĩnh vực</span>
      </caption>
      <thead>
        <tr>
          <th scope="col">Lĩnh vực</th>
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
          <tr key={row.serviceCode ?? 'none'}>
            <th scope="row">{row.name}</th>
            <td className="num">{formatCount(row.total)}</td>
            <td className="num">{formatCount(row.satisfied)}</td>
            <td className="num">{formatShare(row.satisfactionRate)}</td>
          </tr>
        ))}
        {rest !== null && (
          <tr>
            <th scope="row">{formatCount(rest.count)} lĩnh vực khác</th>
            <td className="num">{formatCount(rest.total)}</td>
            <td className="num">{formatCount(rest.satisfied)}</td>
            <td className="num">{formatShare(rest.total === 0 ? null : rest.satisfied / rest.total)}</td>
          </tr>
        )}
        {tallies.byServiceArea.length === 0 && (
          <tr>
            <td colSpan={4}>Không có số liệu.</td>
          </tr>
        )}
      </tbody>
    </table>
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
