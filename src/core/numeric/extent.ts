/**
 * The smallest and largest of the first `n` values (NaN is passed over, as every comparison with it
 * is false); `{ min: Infinity, max: -Infinity }` when there is no number.
 */
export function extent(values: ArrayLike<number>, n = values.length): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}
