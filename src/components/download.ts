/** Saves a Blob as a file through a Blob URL and an <a download> (no network involved). */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke later: the download may start after this task.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function textBlob(text: string, type: string): Blob {
  return new Blob([text], { type });
}
