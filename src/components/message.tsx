import type { ReactNode } from 'react';

export type MessageKind = 'error' | 'warning' | 'info' | 'success';

/** A boxed message. Errors are announced (role="alert"), the others politely (role="status"). */
export function Message({
  kind,
  title,
  children,
  testId,
}: {
  readonly kind: MessageKind;
  readonly title?: string;
  readonly children?: ReactNode;
  readonly testId?: string;
}) {
  return (
    <div
      className={`message message--${kind}`}
      role={kind === 'error' ? 'alert' : 'status'}
      tabIndex={-1}
      data-focus-fallback
      {...(testId !== undefined ? { 'data-testid': testId } : {})}
    >
      {title !== undefined ? <p className="message__title">{title}</p> : null}
      {children !== undefined && children !== null ? <div className="message__body">{children}</div> : null}
    </div>
  );
}
