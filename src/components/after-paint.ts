/**
 * Resolves after the next frame has been painted: a frame, then a task (in the next task where there
 * are no frames, e.g. a hidden tab or tests). Work started there does not delay the paint that
 * answers the current input — the Event Timing API's input → next paint (INP) stops at that paint.
 */
export function afterNextPaint(): Promise<void> {
  const hidden = typeof document === 'undefined' || document.visibilityState === 'hidden';
  if (typeof requestAnimationFrame !== 'function' || hidden)
    return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/**
 * Hands values on after the next paint, the latest only: values given before then replace each
 * other, so steps faster than a frame cost one hand-over. `pending()` tells whether one waits.
 */
export function latestAfterPaint<T>(hand: (value: T) => void): {
  readonly give: (value: T) => void;
  readonly pending: () => boolean;
} {
  let waiting: { value: T } | null = null;
  return {
    give(value: T) {
      const scheduled = waiting !== null;
      waiting = { value };
      if (scheduled) return;
      void afterNextPaint().then(() => {
        const w = waiting;
        waiting = null;
        if (w) hand(w.value);
      });
    },
    pending: () => waiting !== null,
  };
}
