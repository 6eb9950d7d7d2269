/** Reading a MODEL argument: a model.json of the browser's Export cell or of `fit`. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseModelJson, type SavedModel } from '../../core/model';
import { CliError, EXIT } from '../exit-codes';
import { ioError } from './util';

export async function readModel(cwd: string, arg: string | undefined): Promise<SavedModel> {
  if (arg === undefined) throw new CliError('usage', 'give the MODEL file (a model.json).', EXIT.usage);
  const path = resolve(cwd, arg);
  const text = await readFile(path, 'utf8').catch((e) => ioError(e, path));
  try {
    return parseModelJson(text);
  } catch (e) {
    const o = e as { code?: string; path?: string; message?: string };
    throw new CliError(
      o.code ?? 'bad-model',
      `${path} is not a usable model: ${o.message ?? String(e)}${o.path ? ` (field ${o.path})` : ''}. Export the model again from the app or \`segment-notebook fit\`.`,
      EXIT.model,
    );
  }
}
