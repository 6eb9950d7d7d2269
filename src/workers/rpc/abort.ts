/** An Error whose name is 'AbortError', as fetch and DOM APIs reject on abort (a status: `isAbort`). */
export function abortError(message = 'The operation was cancelled.'): Error {
  const e = new Error(message);
  e.name = 'AbortError';
  return e;
}
