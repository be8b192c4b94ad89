// The headline figures: satisfaction rate (big), its change against the previous period of the
// same length, the number of ratings, and the suspected-misuse ratings ("nghi ngờ", flagged by
// the kiosk: shared/rating-flags.ts), always counted on their own, left out unless included.
import type { Tallies } from '../../../shared/tallies';
import { rateCell, singleOfficerCaption } from './BreakdownTables';
import { formatCount, formatRange, formatShare, formatShareChange } from './figures-format';

/** The previous period in one phrase (its count and rate), never repeated elsewhere. */
function previousText(tallies: Tallies): string {
  const { range, total, satisfactionRate } = tallies.previous;
  if (total === 0) return `Kỳ trước (${formatRange(range)}) chưa có đánh giá`;
  return `Kỳ trước (${formatRange(range)}): ${formatCount(total)} đánh giá, tỉ lệ ${rateCell(satisfactionRate, total)}`;
}

export function SatisfactionSummary({ tallies }: { tallies: Tallies }) {
  const change = formatShareChange(tallies.satisfactionRate, tallies.previous.satisfactionRate);
  const withheld = tallies.satisfactionRate === null && tallies.total > 0;
  return (
    <div className="summary">
      <div className="summary-rate">
        <span className="summary-label">Tỉ lệ hài lòng</span>
        <span className={withheld ? 'summary-big summary-big--withheld' : 'summary-big'} data-testid="satisfaction-rate">
          {rateCell(tallies.satisfactionRate, tallies.total)}
        </span>
        <span className="summary-compare" data-testid="rate-change">
          {change === null ? (
            previousText(tallies)
          ) : (
            <>
              <span className={`trend trend--${change.trend}`}>{change.text}</span> so với kỳ trước ({formatRange(tallies.previous.range)}:{' '}
              {formatShare(tallies.previous.satisfactionRate)}, {formatCount(tallies.previous.total)} đánh giá)
            </>
          )}
        </span>
      </div>
      <dl className="summary-counts">
        <div>
          <dt>Tổng số đánh giá</dt>
          <dd data-testid="total-ratings">{formatCount(tallies.total)}</dd>
        </div>
        <div>
          <dt>Hài lòng trở lên</dt>
          <dd>{formatCount(tallies.satisfied)}</dd>
        </div>
        <div>
          <dt>Nghi ngờ</dt>
          <dd data-testid="suspected-ratings">{formatCount(tallies.suspectedCount)}</dd>
        </div>
      </dl>
      {withheld && <p className="summary-note">{singleOfficerCaption(tallies.officerMinimumRatings)}</p>}
      {tallies.includesFlagged && <p className="summary-note">Đã tính cả các đánh giá nghi ngờ.</p>}
      {!tallies.includesFlagged && tallies.excludedFlaggedCount > 0 && (
        <p className="summary-note">Không tính {formatCount(tallies.excludedFlaggedCount)} đánh giá nghi ngờ.</p>
      )}
    </div>
  );
}
