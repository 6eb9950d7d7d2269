// Bundles the command line (src/cli) with rolldown (vite 8's bundler, already in node_modules) into
// dist-cli/ (git-ignored): main.mjs plus the worker-thread entries. Run by `npm ci` (prepare) and
// `npm run build:cli`; scripts/segment-notebook.mjs runs the result. Same source as the browser app.
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

let build;
try {
  ({ build } = await import('rolldown'));
} catch {
  console.warn(
    'segment-notebook: rolldown is not installed (npm ci without dev dependencies?); the CLI was not built.',
  );
  process.exit(0);
}

const out = join(root, 'dist-cli');
rmSync(out, { recursive: true, force: true });
await build({
  input: {
    main: join(root, 'src/cli/main.ts'),
    'data-thread': join(root, 'src/cli/backend/data-thread.ts'),
    'engine-thread': join(root, 'src/cli/backend/engine-thread.ts'),
  },
  platform: 'node',
  logLevel: 'warn',
  transform: { define: { __APP_VERSION__: JSON.stringify(pkg.version) } },
  // tfjs is never loaded by the CLI (the plain engine runs); keep it out of the bundle.
  external: [/^@tensorflow\//],
  output: {
    dir: out,
    format: 'esm',
    entryFileNames: '[name].mjs',
    chunkFileNames: 'chunks/[name]-[hash].mjs',
  },
});
