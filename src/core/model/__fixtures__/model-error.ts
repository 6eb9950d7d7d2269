/** What the model tests check of a refusal: the ModelError's code and the field it names. */
import { ModelError } from '../errors';

/** The code and path of the ModelError `run` throws; anything else thrown, or nothing, fails the test. */
export function modelFailure(run: () => unknown): { code: string; path: string } {
  try {
    run();
  } catch (e) {
    if (!(e instanceof ModelError)) throw e;
    return { code: e.code, path: e.path };
  }
  throw new Error('no ModelError was thrown');
}
