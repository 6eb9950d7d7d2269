import type { ReactNode } from 'react';
import type { StepError } from '../core/step';
import { Message } from './message';

/**
 * A step that stopped: a cancel is said politely ("Cancelled", role="status"); a failure is an alert
 * under `failedTitle`. `children` follow the error's sentence (e.g. what to change).
 */
export function StepProblem({
  error,
  failedTitle,
  children,
}: {
  readonly error: StepError;
  readonly failedTitle: string;
  readonly children?: ReactNode;
}) {
  const cancelled = error.code === 'cancelled';
  return (
    <Message kind={cancelled ? 'info' : 'error'} title={cancelled ? 'Cancelled' : failedTitle}>
      {error.message}
      {children}
    </Message>
  );
}
