import type { RefObject } from 'react';

/**
 * A file input kept out of sight and out of the tab order, opened by a visible button through `inputRef`.
 * Calls `onFiles` with what was chosen and clears itself so the same file can be chosen again.
 */
export interface HiddenFileInputProps {
  readonly inputRef: RefObject<HTMLInputElement | null>;
  readonly id?: string;
  readonly accept: string;
  readonly label: string;
  readonly testId?: string;
  /** Every file chosen (the drop zone's multiple-file rule applies). */
  readonly onFiles?: (files: FileList | null) => void;
  /** The first file chosen, if any. */
  readonly onFile?: (file: File) => void;
}

export function HiddenFileInput({
  inputRef,
  id,
  accept,
  label,
  testId,
  onFiles,
  onFile,
}: HiddenFileInputProps) {
  return (
    <input
      id={id}
      ref={inputRef}
      className="visually-hidden"
      tabIndex={-1}
      type="file"
      accept={accept}
      aria-label={label}
      data-testid={testId}
      onChange={(e) => {
        const files = e.target.files;
        onFiles?.(files);
        const first = files?.[0];
        if (first && onFile) onFile(first);
        e.target.value = '';
      }}
    />
  );
}
