import { formatInt, formatMoney, formatNumber } from '../../components/format';
import { NameInput } from './name-input';
import type { Segmentation } from '../../store/selectors/segmentation';
import { segmentColor } from '../../components/palette';

function pct(x: number): string {
  return Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : '—';
}

/** Per segment: size, shares, revenue, centroid in original units, medians, description and a name. */
export function ProfilesTable({ seg }: { seg: Segmentation }) {
  const p = seg.profiles;
  return (
    <div className="table-wrap">
      <table className="model-table profiles-table" data-testid="profiles-table">
        <caption className="visually-hidden">Segment profiles for k = {seg.k}</caption>
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>
              Segment
            </th>
            <th scope="col" rowSpan={2}>
              Name and description
            </th>
            <th scope="col" rowSpan={2} className="num">
              Customers
            </th>
            <th scope="col" rowSpan={2} className="num">
              Share
            </th>
            <th scope="col" rowSpan={2} className="num">
              Revenue
            </th>
            <th scope="col" rowSpan={2} className="num">
              Revenue share
            </th>
            <th scope="colgroup" colSpan={3} className="group">
              Centre (original units)
            </th>
            <th scope="colgroup" colSpan={3} className="group">
              Median
            </th>
          </tr>
          <tr>
            {[0, 1].flatMap((g) =>
              ['R (days)', 'F', 'M'].map((h) => (
                <th key={`${g}${h}`} scope="col" className="num">
                  {h}
                </th>
              )),
            )}
          </tr>
        </thead>
        <tbody>
          {p.segments.map((s) => (
            <tr key={s.cluster} data-testid={`profile-row-${s.id}`}>
              <th scope="row">
                <span className="swatch" style={{ background: segmentColor(s.cluster) }} aria-hidden="true" />
                {s.id}
              </th>
              <td>
                <NameInput
                  k={seg.k}
                  cluster={s.cluster}
                  id={s.id}
                  value={seg.names[s.cluster] ?? ''}
                  placeholder={seg.suggestedNames[s.cluster] ?? ''}
                />
                <div className="desc small muted" data-testid={`profile-description-${s.id}`}>
                  {s.description.text}
                </div>
              </td>
              <td className="num" data-testid={`profile-size-${s.id}`}>
                {formatInt(s.size)}
              </td>
              <td className="num">{pct(s.share)}</td>
              <td className="num">{formatMoney(s.revenue)}</td>
              <td className="num">{pct(s.revenueShare)}</td>
              <td className="num">
                {s.centroid ? formatNumber(Number(s.centroid.recency.toFixed(1))) : '…'}
              </td>
              <td className="num">
                {s.centroid ? formatNumber(Number(s.centroid.frequency.toFixed(1))) : '…'}
              </td>
              <td className="num">{s.centroid ? formatMoney(s.centroid.monetary) : '…'}</td>
              <td className="num">{formatNumber(s.median.recency)}</td>
              <td className="num">{formatNumber(s.median.frequency)}</td>
              <td className="num">{formatMoney(s.median.monetary)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={2}>
              All customers
            </th>
            <td className="num">{formatInt(p.n)}</td>
            <td className="num">100%</td>
            <td className="num">{formatMoney(p.totalRevenue)}</td>
            <td className="num">{p.totalRevenue > 0 ? '100%' : '—'}</td>
            <td colSpan={3} />
            <td className="num">{formatNumber(p.overallMedian.recency)}</td>
            <td className="num">{formatNumber(p.overallMedian.frequency)}</td>
            <td className="num">{formatMoney(p.overallMedian.monetary)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
