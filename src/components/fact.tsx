import type { ReactNode } from 'react';

/** One term of a facts list (`<dl className="facts">`): the name and its value, optionally full width. */
export function Fact({
  term,
  testId,
  wide = false,
  children,
}: {
  readonly term: string;
  readonly testId?: string;
  readonly wide?: boolean;
  readonly children: ReactNode;
}) {
  return (
    <div className={wide ? 'facts__wide' : undefined}>
      <dt>{term}</dt>
      <dd {...(testId !== undefined ? { 'data-testid': testId } : {})}>{children}</dd>
    </div>
  );
}
