#!/usr/bin/env node
// The `segment-notebook` command: runs the bundle that `npm ci` (prepare) builds from src/cli.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist-cli/main.mjs', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  process.stderr.write(
    'segment-notebook: the command line is not built yet. Run `npm run build:cli` (or `npm ci`).\n',
  );
  process.exit(70);
}
const { run } = await import(main.href);
process.exitCode = await run(process.argv.slice(2));
