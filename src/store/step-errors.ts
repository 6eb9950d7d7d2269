/** How the store's actions read a thrown value: a cancellation, or an error to show on the step. */
import type { StepError } from '../core/step';

/** True for the AbortError a cancelled request rejects with (a status, not an error to show). */
export function isAbort(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'AbortError';
}

/** The sentence for a failure without its own message (`detail`: what was thrown). */
export type ErrorFallback = (detail: string) => StepError;

const unexpected: ErrorFallback = (detail) => ({
  code: 'internal',
  message: `Something unexpected went wrong (${detail}). Your earlier results are kept; try again or reload the page.`,
});

/**
 * Any thrown value as a step error: a value with a `code` and a non-empty `message` (UserFacingError,
 * a worker's wire error) as it is; anything else through `fallback` (default: "Something unexpected
 * went wrong").
 */
export function toStepError(e: unknown, fallback: ErrorFallback = unexpected): StepError {
  if (typeof e === 'object' && e !== null && 'code' in e) {
    const { code, message } = e as { code: unknown; message?: unknown };
    if (typeof message === 'string' && message !== '') return { code: String(code), message };
  }
  return fallback(e instanceof Error ? e.message : String(e));
}
