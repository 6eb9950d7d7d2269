import type { ReactNode } from 'react';

/** One option of a radio group: `<label class="choice">` around the radio and its text. */
export function RadioChoice({
  name,
  checked,
  onSelect,
  value,
  testId,
  children,
}: {
  readonly name: string;
  readonly checked: boolean;
  readonly onSelect: () => void;
  readonly value?: string;
  readonly testId?: string;
  readonly children: ReactNode;
}) {
  return (
    <label className="choice">
      <input
        type="radio"
        name={name}
        checked={checked}
        onChange={onSelect}
        {...(value !== undefined ? { value } : {})}
        {...(testId !== undefined ? { 'data-testid': testId } : {})}
      />
      {children}
    </label>
  );
}
