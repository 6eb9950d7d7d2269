import { useRef, type ReactNode } from 'react';
import { HiddenFileInput, type HiddenFileInputProps } from './hidden-file-input';

/**
 * A visible button that opens a file chooser: the button and its hidden file input (which keeps the
 * input's accessible name and test id for screen readers and tests), the input's ref kept inside.
 */
export function FileButton({
  children,
  className = 'button button--secondary',
  disabled,
  buttonTestId,
  ...input
}: Omit<HiddenFileInputProps, 'inputRef'> & {
  readonly children: ReactNode;
  readonly className?: string;
  readonly disabled?: boolean;
  readonly buttonTestId?: string;
}) {
  const inputRef = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        className={className}
        onClick={() => inputRef.current?.click()}
        disabled={disabled}
        data-testid={buttonTestId}
      >
        {children}
      </button>
      <HiddenFileInput inputRef={inputRef} {...input} />
    </>
  );
}
