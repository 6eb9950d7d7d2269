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
