/** Reading the JSON a user hands in (a saved model, a scoring request body): text or a parsed value. */
import { ModelError, type ModelErrorCode } from './errors';

/** A plain JSON object (not null, not an array). */
export function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `input` parsed when it is text, as it is otherwise. @throws ModelError `notJson` when the text is not JSON. */
export function jsonInput(input: unknown, notJson: ModelErrorCode): unknown {
  if (typeof input !== 'string') return input;
  try {
    return JSON.parse(input) as unknown;
  } catch (e) {
    throw new ModelError(notJson, '', e instanceof Error ? e.message : 'not JSON');
  }
}
