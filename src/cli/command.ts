/**
 * What a command of `segment-notebook` is: a name, its help, its options (node:util parseArgs) and
 * a run function. Commands are listed in ./commands/index.ts; adding one is a file there plus a line.
 */
import type { ParseArgsConfig } from 'node:util';
import type { Backend } from './backend/backend';

export type Options = NonNullable<ParseArgsConfig['options']>;

export interface Parsed {
  readonly values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  readonly positionals: readonly string[];
}

export interface Context {
  /** Results (machine-readable where the command says so). */
  readonly out: (text: string) => void;
  /** Progress and messages for people; silenced by --quiet. */
  readonly progress: (text: string) => void;
  /** Errors and warnings (never silenced). */
  readonly err: (text: string) => void;
  readonly cwd: string;
  /** Aborted on SIGINT / SIGTERM. */
  readonly signal: AbortSignal;
  /** The data and engine workers (worker threads in the built CLI). */
  readonly backend: () => Backend;
  readonly appVersion: string;
}

export interface Command {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** Usage line(s) and the explanation shown by `segment-notebook <name> --help`. */
  readonly help: string;
  readonly options: Options;
  /** Subcommand-free positional arguments are checked by the command itself. */
  run(args: Parsed, ctx: Context): Promise<number>;
}
