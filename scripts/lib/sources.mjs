// The app's TypeScript sources loaded in Node, for scripts that measure or check them
// (scripts/bench/parse-node.mjs, scripts/data/make-variants.mjs): a Vite server in middleware mode,
// no config file, no dependency scan.
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Runs `fn(load)`, where `load('/src/…')` imports a source module; the server is closed after. */
export async function withSources(fn) {
  const { createServer } = await import('vite');
  const server = await createServer({
    root: ROOT,
    configFile: false,
    logLevel: 'error',
    server: { middlewareMode: true, hmr: false, watch: null },
    appType: 'custom',
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  try {
    return await fn((path) => server.ssrLoadModule(path));
  } finally {
    await server.close();
  }
}
