import { useState, type DragEvent } from 'react';

/**
 * Drag and drop of files onto an element: spread `dropProps` on it and style it with `over` (true while
 * files are dragged over it). `onFiles` gets what was dropped.
 */
export function useFileDrop(onFiles: (files: FileList) => void) {
  const [over, setOver] = useState(false);
  const dropProps = {
    onDragOver: (e: DragEvent<HTMLElement>) => {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
      setOver(true);
    },
    onDragLeave: () => setOver(false),
    onDrop: (e: DragEvent<HTMLElement>) => {
      e.preventDefault();
      setOver(false);
      onFiles(e.dataTransfer.files);
    },
  };
  return { over, dropProps };
}
