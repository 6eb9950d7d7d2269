/**
 * Entry of the `segment-notebook` command line (bundled to dist-cli/main.mjs by scripts/build/cli.mjs,
 * run by scripts/segment-notebook.mjs). Parses the command, prints help, maps errors to exit codes.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { threadBackend } from './backend/threads';
import { inlineBackend } from './backend/inline';
import type { Backend } from './backend/backend';
import type { Command, Context } from './command';
import { COMMANDS } from './commands';
import { CliError, EXIT, EXIT_HELP } from './exit-codes';
import { errorText } from '../messages/errors';

/** The bundle has the version built in; from the sources (tests) it is read from package.json. */
export const APP_VERSION: string = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : sourceVersion();

function sourceVersion(): string {
  try {
    const pkg = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
    return (JSON.parse(pkg) as { version: string }).version;
  } catch {
    return '0.0.0-dev';
  }
}

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `segment-notebook ${APP_VERSION} — RFM segmentation from the command line, the same code as the browser app.

Usage: segment-notebook <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Run \`segment-notebook <command> --help\` for a command's options.
Progress goes to stderr, results to files or stdout.

${EXIT_HELP}
`;
}

export interface RunOptions {
  readonly out?: (t: string) => void;
  readonly err?: (t: string) => void;
  readonly cwd?: string;
  /** 'threads' (default in the bundle): worker threads; 'inline': this thread (tests). */
  readonly backend?: 'threads' | 'inline';
  readonly signal?: AbortSignal;
  /** Environment (default process.env): SEGMENT_NOTEBOOK_DEBUG=1 adds the stack to an unexpected failure. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * What an unexpected failure (a bug) prints: the error's name and message and what to do; where it
 * happened (the stack) only with SEGMENT_NOTEBOOK_DEBUG=1.
 */
export function unexpectedFailure(command: string, e: unknown, debug: boolean): string {
  const what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  const head = `segment-notebook ${command}: unexpected failure (a bug in segment-notebook, not a problem with your files): ${what}.`;
  if (debug && e instanceof Error && e.stack) return `${head}\n${e.stack}\n`;
  return `${head} Please report it with the command you ran; SEGMENT_NOTEBOOK_DEBUG=1 shows where it happened.\n`;
}

/** Runs one command line; resolves to the exit code (never throws). */
export async function run(argv: readonly string[], opts: RunOptions = {}): Promise<number> {
  const out = opts.out ?? ((t: string) => void process.stdout.write(t));
  const err = opts.err ?? ((t: string) => void process.stderr.write(t));
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    out(mainHelp());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    out(`${APP_VERSION}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    err(
      `segment-notebook: unknown command "${name}". Commands: ${COMMANDS.map((c) => c.name).join(', ')}.\n`,
    );
    return EXIT.usage;
  }
  return runCommand(command, rest, { ...opts, out, err });
}

async function runCommand(
  command: Command,
  argv: readonly string[],
  opts: RunOptions & { out: (t: string) => void; err: (t: string) => void },
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        ...command.options,
        help: { type: 'boolean', short: 'h' },
        quiet: { type: 'boolean', short: 'q' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    opts.err(
      `segment-notebook ${command.name}: ${e instanceof Error ? e.message : String(e)}\nRun \`segment-notebook ${command.name} --help\`.\n`,
    );
    return EXIT.usage;
  }
  if (parsed.values.help) {
    opts.out(
      `${command.help.trimEnd()}\n\nCommon options:\n  -q, --quiet  no progress on stderr\n  -h, --help   this help\n\n${EXIT_HELP}\n`,
    );
    return EXIT.ok;
  }
  const quiet = parsed.values.quiet === true;
  let backend: Backend | null = null;
  const ctl = new AbortController();
  opts.signal?.addEventListener('abort', () => ctl.abort());
  const ctx: Context = {
    out: opts.out,
    err: opts.err,
    progress: (t) => {
      if (!quiet) opts.err(`${t}\n`);
    },
    cwd: opts.cwd ?? process.cwd(),
    signal: ctl.signal,
    appVersion: APP_VERSION,
    backend: () => {
      backend ??= opts.backend === 'inline' ? inlineBackend() : threadBackend(new URL('.', import.meta.url));
      return backend;
    },
  };
  try {
    return await command.run(parsed, ctx);
  } catch (e) {
    if (e instanceof CliError) {
      opts.err(`segment-notebook ${command.name}: ${e.message} [${e.code}]\n`);
      return e.exitCode;
    }
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && e instanceof Error && code !== 'internal') {
      // A UserFacingError from the shared code: its sentence (src/messages), its code; the input was not usable.
      opts.err(`segment-notebook ${command.name}: ${errorText(e) ?? e.message} [${code}]\n`);
      return /^E[A-Z]+$/.test(code) ? EXIT.io : EXIT.data;
    }
    opts.err(unexpectedFailure(command.name, e, (opts.env ?? process.env).SEGMENT_NOTEBOOK_DEBUG === '1'));
    return EXIT.internal;
  } finally {
    const b = backend as Backend | null;
    if (b) await b.close();
  }
}
