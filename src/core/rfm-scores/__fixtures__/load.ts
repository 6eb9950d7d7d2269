import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Reads a committed JSON fixture of this folder. */
export function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(fileURLToPath(new URL(`./${name}`, import.meta.url)), 'utf8')) as T;
}
