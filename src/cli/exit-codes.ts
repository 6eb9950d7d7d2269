/**
 * Exit codes of `segment-notebook` (documented in `segment-notebook --help` and the README):
 * scripts can rely on them.
 */
export const EXIT = {
  ok: 0,
  /** An unexpected failure (a bug): the message says what happened. */
  internal: 1,
  /** Bad command line: unknown command or option, missing argument, a value out of range. */
  usage: 2,
  /** The input file cannot be used: unreadable, columns not recognised, nothing left after cleaning. */
  data: 3,
  /** A model or settings file is not valid. */
  model: 4,
  /** A file or folder could not be read or written (missing, permissions, disk full). */
  io: 5,
  /** The service could not start (e.g. the port is taken). */
  service: 6,
  /** Interrupted (Ctrl-C / SIGTERM) before the work finished. */
  interrupted: 130,
} as const;

export const EXIT_HELP = `Exit codes:
  0  success
  1  unexpected failure (a bug; the message says what happened, SEGMENT_NOTEBOOK_DEBUG=1 adds where)
  2  bad command line (unknown command or option, missing or invalid value)
  3  the input data cannot be used (unreadable, columns not recognised, nothing left after cleaning)
  4  a model or settings file is not valid
  5  a file or folder could not be read or written
  6  the service could not start (e.g. the port is taken)
  130 interrupted`;

/** An error for the user: a code for programs, a sentence saying what to do, and the exit code. */
export class CliError extends Error {
  readonly code: string;
  readonly exitCode: number;
  constructor(code: string, message: string, exitCode: number) {
    super(message);
    this.name = 'CliError';
    this.code = code;
    this.exitCode = exitCode;
  }
}
