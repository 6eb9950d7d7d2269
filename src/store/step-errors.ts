/** How the store's actions read a thrown value: a cancellation, or an error to show on the step. */
import { errorFacts, type AppErrorData } from '../core/errors';
import type { StepError } from '../core/step';
import { errorMessage } from '../messages/errors';

/** True for the AbortError a cancelled request rejects with (a status, not an error to show). */
export function isAbort(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'AbortError';
}

/** The code for a failure without its own code (`detail`: what was thrown). */
export type ErrorFallback = (detail: string) => AppErrorData;

const unexpected: ErrorFallback = (detail) => ({ code: 'internal', detail });

/** A step error of the store's own (code + facts), its sentence written by src/messages/errors.ts. */
export function stepError(facts: AppErrorData): StepError {
  return { code: facts.code, message: errorMessage(facts) };
}

/**
 * Any thrown value as a step error, its sentence written by src/messages/errors.ts: a value with a
 * code and facts (UserFacingError, also rebuilt from a worker's message) through the message module;
 * a value with a `code` and a non-empty `message` (a model file's error, an apply worker's wire
 * error) as it is; anything else through `fallback` (default: 'internal', "Something unexpected
 * went wrong").
 */
export function toStepError(e: unknown, fallback: ErrorFallback = unexpected): StepError {
  const facts = errorFacts(e);
  if (facts !== null) return stepError(facts);
  if (typeof e === 'object' && e !== null && 'code' in e) {
    const { code, message } = e as { code: unknown; message?: unknown };
    if (typeof message === 'string' && message !== '') return { code: String(code), message };
  }
  return stepError(fallback(e instanceof Error ? e.message : String(e)));
}
