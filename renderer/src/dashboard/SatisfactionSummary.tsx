// The headline figures: satisfaction rate (big), its change against the previous period of the
// same length, the number of ratings, and the suspected-misuse ratings ("nghi ngờ", flagged by
// the kiosk: shared/rating-flags.ts), always counted on their own, left out unless included.
import type { Tallies } from '../../../shared/tallies';
import { formatCount, formatRange, formatShare, formatShareChange } from './figures-format';

export function SatisfactionSummary({ tallies }: { tallies: Tallies }) {
  const change = formatShareChange(tallies.satisfactionRate, tallies.previous.satisfactionRate);
  return (
    <div className="summary">
      <div className="summary-rate">
        <span className="summary-label">Tỉ lệ hài lòng</span>
        <span className="summary-big" data-testid="satisfaction-rate">
          {formatShare(tallies.satisfactionRate)}
        </span>
        <span className="summary-compare" data-testid="rate-change">
          {change === null ? (
            `Kỳ trước (${formatRange(tallies.previous.range)}) chưa có đánh giá`
          ) : (
            <>
              <span className={`trend trend--${change.trend}`}>{change.text}</span> so với kỳ trước ({formatRange(tallies.previous.range)}:{' '}
              {formatShare(tallies.previous.satisfactionRate)})
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
        <div>
          <dt>Kỳ trước</dt>
          <dd>{formatCount(tallies.previous.total)}</dd>
        </div>
      </dl>
      {tallies.includesFlagged && <p className="summary-note">Đã tính cả các đánh giá nghi ngờ.</p>}
      {!tallies.includesFlagged && tallies.excludedFlaggedCount > 0 && (
        <p className="summary-note">Không tính {formatCount(tallies.excludedFlaggedCount)} đánh giá nghi ngờ.</p>
      )}
    </div>
  );
}
