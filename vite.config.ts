import { defineConfig } from 'vite';
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
  // frame-ancestors only works as an HTTP header (a <meta> policy ignores it and logs a console
  // error); hosts should send `Content-Security-Policy: frame-ancestors 'none'` themselves.
].join('; ');

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
  ],
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 6000 },
  server: { port: 5173 },
  preview: { port: 4173, strictPort: true },
});
