import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, type Plugin, type ResolvedConfig } from 'vite';
import react from '@vitejs/plugin-react';
import pkg from './package.json' with { type: 'json' };

/**
 * Content-Security-Policy for the app. `connect-src 'self'` lets the app fetch its own built-in
 * sample and wasm files and nothing else: no data can be sent to another origin.
 * 'wasm-unsafe-eval' is needed by the tfjs wasm backend; blob: by workers and downloads.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "manifest-src 'self'",
  "media-src 'self' blob:",
  // frame-ancestors only works as an HTTP header (a <meta> policy ignores it and logs a console
  // error); hosts should send `Content-Security-Policy: frame-ancestors 'none'` themselves.
].join('; ');

/**
 * Headers for a host serving the build (`vite preview` sends them; docs/deploying.md lists them for
 * other hosts): the same policy as an HTTP header, which can also forbid framing; the opener severed
 * from any window the page could open; no referrer and no sniffing.
 */
export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': `${CSP}; frame-ancestors 'none'`,
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};

/** Public files (relative to public/) that are cached when first fetched, never precached. */
const RUNTIME_CACHED = /^sample\//;

/** Files under `dir`, as '/'-separated paths relative to it, sorted; [] when it does not exist. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) =>
      join(e.parentPath, e.name)
        .slice(dir.length + 1)
        .replaceAll('\\', '/'),
    )
    .sort();
}

/**
 * Offline use: on `vite build` only, emits dist/sw.js from scripts/build/sw-template.js with
 *   VERSION  = first 16 hex digits of a SHA-256 over the bundle's file names (content-hashed), the
 *              built index.html and the public files (so any change makes a new cache), and
 *   PRECACHE = './' (index.html) + every bundle file under assets/ + the public files outside sample/.
 * The app registers it in production builds (src/app/service-worker.ts).
 */
function serviceWorker(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'service-worker',
    apply: 'build',
    enforce: 'post',
    configResolved(resolved) {
      config = resolved;
    },
    generateBundle(_options, bundle) {
      const hash = createHash('sha256');
      const names = Object.keys(bundle)
        .filter((n) => !n.endsWith('.map'))
        .sort();
      for (const name of names) hash.update(`${name}\n`);
      const html = bundle['index.html'];
      if (html?.type === 'asset') hash.update(html.source);
      const publicFiles = config.publicDir && config.build.copyPublicDir ? filesUnder(config.publicDir) : [];
      for (const file of publicFiles)
        hash.update(`${file}\n`).update(readFileSync(join(config.publicDir, file)));
      const precache = [
        './',
        ...names.filter((n) => n.startsWith(`${config.build.assetsDir}/`)).map((n) => `./${n}`),
        ...publicFiles.filter((f) => !RUNTIME_CACHED.test(f)).map((f) => `./${f}`),
      ];
      const template = readFileSync(join(config.root, 'scripts', 'build', 'sw-template.js'), 'utf8');
      this.emitFile({
        type: 'asset',
        fileName: 'sw.js',
        source: [
          `const VERSION = ${JSON.stringify(hash.digest('hex').slice(0, 16))};`,
          `const PRECACHE = ${JSON.stringify(precache, null, 2)};`,
          '',
          template,
        ].join('\n'),
      });
    },
  };
}

export default defineConfig({
  plugins: [
    react(),
    {
      name: 'csp-meta',
      transformIndexHtml(html, ctx) {
        // Vite's dev server injects an inline script for HMR and talks to its websocket, so the
        // strict policy is applied to the production build (what users and e2e tests run).
        if (ctx.server) return html;
        return html.replace(
          '<head>',
          `<head>\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`,
        );
      },
    },
    serviceWorker(),
  ],
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 6000 },
  server: {
    port: 5173,
    headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Referrer-Policy': 'no-referrer' },
  },
  preview: { port: 4173, strictPort: true, headers: SECURITY_HEADERS },
});
