import type { ReactNode } from 'react';

/** One entry of a list of actions (downloads, exports): a button, then what it makes. */
export function ActionItem({
  label,
  onClick,
  testId,
  disabled = false,
  primary = true,
  children,
}: {
  readonly label: ReactNode;
  readonly onClick: () => void;
  readonly testId?: string;
  readonly disabled?: boolean;
  readonly primary?: boolean;
  /** What follows the button (file name, details). */
  readonly children?: ReactNode;
}) {
  return (
    <li>
      <button
        type="button"
        className={primary ? 'button button--primary' : 'button button--secondary'}
        disabled={disabled}
        onClick={onClick}
        data-testid={testId}
      >
        {label}
      </button>
      {children}
    </li>
  );
}
