// Count and share per level, one table per scale used in the period (levels are only
// comparable within a scale).
import { scales } from '../../../shared/scales';
import type { Tallies } from '../../../shared/tallies';
import { formatCount, formatShare } from './figures-format';

const scaleNames = { 'vn-3': 'Thang 3 mức', 'vn-4': 'Thang 4 mức', 'vn-5': 'Thang 5 mức' } as const;

export function LevelBreakdown({ tallies }: { tallies: Tallies }) {
  const used = tallies.byScale.filter((s) => s.total > 0);
  return (
    <div className="level-breakdown">
      {used.map((scale) => (
        <table key={scale.scale} className="figures-table level-table" data-testid={`levels-${scale.scale}`}>
          {used.length > 1 && (
            <caption>
              {scaleNames[scale.scale]} · {formatCount(scale.total)} đánh giá
            </caption>
          )}
          <thead>
            <tr>
              <th scope="col">Mức độ</th>
              <th scope="col" className="num">
                Số đánh giá
              </th>
              <th scope="col" className="num">
                Tỉ lệ
              </th>
            </tr>
          </thead>
          <tbody>
            {scale.levels.map((row) => {
              const level = scales[scale.scale].find((l) => l.level === row.level);
              return (
                <tr key={row.level}>
                  <th scope="row">
                    <span className="swatch" style={{ background: level?.background ?? '#8a8577' }} aria-hidden="true" />
                    {row.label}
                  </th>
                  <td className="num">{formatCount(row.count)}</td>
                  <td className="num">
                    <span className="share-bar" aria-hidden="true">
                      <span style={{ width: `${(row.share ?? 0) * 100}%`, background: level?.background ?? '#8a8577' }} />
                    </span>
                    {formatShare(row.share)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ))}
    </div>
  );
}
