import type { Dialect } from './dialects';
import { doubleLiteral } from './dialects';
import type { SqlModel } from './model';

/** np.spacing(1.0): the λ below which Yeo-Johnson uses the log form (src/core/engine/power-transform.ts). */
const EPS = 2.220446049250313e-16;
const ALL_FEATURES = ['recency', 'frequency', 'monetary'] as const;

/**
 * ψ(x; λ) of src/core/engine/power-transform.ts `yeoJohnson`, with the saved λ written in. Both
 * branches use POWER(1 + ABS(x), …) so no engine ever sees a negative base to a fractional power
 * (PostgreSQL raises that error even in a CASE branch that is not taken, on some plans).
 */
export function yeoJohnsonExpr(x: string, lambda: number): string {
  const pos =
    Math.abs(lambda) < EPS
      ? `LN(1 + ABS(${x}))`
      : `(POWER(1 + ABS(${x}), ${doubleLiteral(lambda)}) - 1) / ${doubleLiteral(lambda)}`;
  const neg =
    Math.abs(lambda - 2) > EPS
      ? `-(POWER(1 + ABS(${x}), ${doubleLiteral(2 - lambda)}) - 1) / ${doubleLiteral(2 - lambda)}`
      : `-LN(1 + ABS(${x}))`;
  return `CASE WHEN ${x} >= 0 THEN ${pos} ELSE ${neg} END`;
}

/**
 * The scoring CTEs (transformed, distances, scored) over a CTE `rfm` with recency, frequency, monetary;
 * only the model's features enter the distances.
 */
export function scoringCtes(d: Dialect, model: SqlModel): string[] {
  const { lambdas, means, scales } = model.transform;
  // The model's features: all three, or two when one was left out (λ and centres in this order).
  const FEATURES = model.features ?? ALL_FEATURES;
  const z = FEATURES.map((f, j) => {
    const x = `CAST(${f} AS ${d.double})`;
    return `    -- ${f}: Yeo-Johnson with λ = ${lambdas[j]}, then (ψ − mean) / scale
    (${yeoJohnsonExpr(x, lambdas[j]!)}
      - ${doubleLiteral(means[j]!)}) / ${doubleLiteral(scales[j]!)} AS z_${f}`;
  });
  const clusters = model.clusters;
  const dist = clusters.map((c) => {
    const cs = c.centroidStandardised!;
    const terms = FEATURES.map(
      (f) => `(z_${f} - ${doubleLiteral(cs[f]!)}) * (z_${f} - ${doubleLiteral(cs[f]!)})`,
    );
    return `    ${terms.join('\n      + ')} AS d_${c.id}`;
  });
  // First minimum: cluster c wins when no later cluster is strictly nearer and every earlier one lost.
  const branches = clusters.map((c, i) => {
    const later = clusters.slice(i + 1).map((o) => `d_${c.id} <= d_${o.id}`);
    return i === clusters.length - 1
      ? `      ELSE ${c.id}`
      : `      WHEN ${later.join(' AND ')} THEN ${c.id}`;
  });
  const assign = clusters.length === 1 ? `${clusters[0]!.id}` : `CASE\n${branches.join('\n')}\n    END`;
  return [
    `transformed AS (
  -- Yeo-Johnson with the saved λ, then standardised with the saved mean and scale
  SELECT customer_id, recency, frequency, monetary,
${z.join(',\n')}
  FROM rfm
)`,
    `distances AS (
  -- squared Euclidean distance to each cluster centre (standardised space)
  SELECT customer_id, recency, frequency, monetary,
${dist.join(',\n')}
  FROM transformed
)`,
    `scored AS (
  -- nearest centre; on a tie the first cluster in the model's order
  SELECT customer_id, recency, frequency, monetary,
    ${assign} AS cluster_id
  FROM distances
)`,
  ];
}

/** The segment name of `cluster_id`. */
export function segmentNameExpr(d: Dialect, model: SqlModel): string {
  const whens = model.clusters.map((c) => `WHEN ${c.id} THEN ${d.text(c.name)}`);
  return `CASE cluster_id ${whens.join(' ')} END`;
}
