/** Small helpers shared by the commands. */
import type { Parsed } from '../command';
import { CliError, EXIT } from '../exit-codes';

/** Checks that a command got exactly `count` positional arguments, naming what to give otherwise. */
export function requirePositionals(
  positionals: readonly string[],
  count: number,
  what: string,
  command: string,
): void {
  if (positionals.length !== count)
    throw new CliError('usage', `give ${what} (see \`segment-notebook ${command} --help\`).`, EXIT.usage);
}

/** The value of a required string option (`--out DIR is required (why).` when it is missing). */
export function requiredOption(values: Parsed['values'], name: string, arg: string, why: string): string {
  const v = values[name];
  if (typeof v !== 'string')
    throw new CliError('usage', `--${name} ${arg} is required (${why}).`, EXIT.usage);
  return v;
}

/** An integer option in [min, max], or null when absent. */
export function intOption(v: unknown, name: string, min: number, max: number): number | null {
  if (v === undefined) return null;
  const s = String(v).trim();
  const n = /^\d+$/.test(s) ? Number(s) : NaN;
  if (!Number.isInteger(n) || n < min || n > max)
    throw new CliError(
      'usage',
      `${name} must be a whole number from ${min} to ${max} (got "${s}").`,
      EXIT.usage,
    );
  return n;
}

/** A failed read or write as a CLI error naming the path. */
export function ioError(e: unknown, path: string): never {
  const code = (e as { code?: unknown }).code;
  const why =
    code === 'ENOENT'
      ? 'no such file or folder'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EISDIR'
          ? 'it is a folder'
          : e instanceof Error
            ? e.message
            : String(e);
  throw new CliError(typeof code === 'string' ? code : 'io', `cannot use ${path}: ${why}.`, EXIT.io);
}

/** Progress lines: every new stage, and within a stage at most one a second. */
export function throttled(f: (stage: string, detail?: string) => void) {
  let last = '';
  let at = 0;
  return (stage: string, detail?: string) => {
    const now = Date.now();
    if (stage === last && now - at < 1000) return;
    last = stage;
    at = now;
    f(stage, detail);
  };
}
