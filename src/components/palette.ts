/** Segment colours by 0-based cluster (Tableau 10: distinct, readable on white, up to k = 10). */
export const SEGMENT_COLORS = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
] as const;

export function segmentColor(cluster: number): string {
  return SEGMENT_COLORS[cluster % SEGMENT_COLORS.length]!;
}

export const FEATURE_LABELS = ['Recency (days)', 'Frequency', 'Monetary'] as const;
export const FEATURE_SHORT = ['R', 'F', 'M'] as const;
