// Lint with the layer boundaries of docs/architecture.md enforced:
// core ← kernels ← workers ← store ← features ← app. Each library lives in one home; a feature folder
// never imports another (what features share lives in src/store/selectors or src/components); src/core
// uses no DOM global. src/architecture.test.ts proves these rules fail on small fixtures.
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const layer = (target, from, message) => ({ target, from, message });

/** One zone per feature folder: it may not import any other feature folder. */
const featureZones = readdirSync(new URL('./src/features', import.meta.url), { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => ({
    target: `./src/features/${e.name}`,
    from: './src/features',
    except: [`./${e.name}`],
    message: `a feature never imports another feature: move what src/features/${e.name} shares to src/store/selectors or src/components.`,
  }));

/** Browser globals src/core may not use (it runs in workers, Node tests and the CLI alike). */
const DOM_GLOBALS = [
  'window',
  'document',
  'localStorage',
  'sessionStorage',
  'indexedDB',
  'self',
  'navigator',
];

export default tseslint.config(
  {
    ignores: [
      'dist',
      'dist-cli',
      'node_modules',
      'test-results',
      'playwright-report',
      'bench-data',
      'public',
    ],
  },
  js.configs.recommended,
  { files: ['**/*.{js,mjs,cjs}'], languageOptions: { globals: { ...globals.node } } },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'import-x': importX, 'react-hooks': reactHooks },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] })],
    },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            layer(
              './src/core',
              [
                './src/kernels',
                './src/workers',
                './src/store',
                './src/features',
                './src/app',
                './src/components',
                './src/messages',
              ],
              'src/core is pure: it may not import any other layer.',
            ),
            layer(
              './src/kernels',
              [
                './src/workers',
                './src/store',
                './src/features',
                './src/app',
                './src/components',
                './src/messages',
              ],
              'src/kernels may import only src/core.',
            ),
            layer(
              './src/workers',
              ['./src/store', './src/features', './src/app', './src/components', './src/messages'],
              'src/workers may import only src/core and src/kernels (errors carry codes; sentences are written at the edge, src/messages).',
            ),
            layer(
              './src/messages',
              [
                './src/kernels',
                './src/workers',
                './src/store',
                './src/features',
                './src/app',
                './src/components',
              ],
              'src/messages (the sentences for error codes) may import only src/core.',
            ),
            layer(
              './src/store',
              ['./src/features', './src/app', './src/components'],
              'src/store may not import UI.',
            ),
            layer(
              './src/components',
              ['./src/features', './src/app', './src/store'],
              'shared components are presentational.',
            ),
            layer('./src/features', ['./src/app'], 'features may not import the app.'),
            ...featureZones,
            layer(
              './src/cli',
              ['./src/features', './src/app', './src/components'],
              'the command line (Node) may not import UI.',
            ),
            layer(
              [
                './src/core',
                './src/kernels',
                './src/workers',
                './src/messages',
                './src/store',
                './src/components',
                './src/features',
                './src/app',
              ],
              './src/cli',
              'nothing in the app imports the command line.',
            ),
          ],
        },
      ],
    },
  },
  {
    // Files under ~400 lines, split by topic (tests and e2e specs may be longer).
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts'],
    rules: { 'max-lines': ['warn', { max: 400 }] },
  },
  {
    // src/core is pure TypeScript: no React, DOM-only libraries, papaparse, tfjs or plotly, no DOM
    // global (tsconfig.core.json also type-checks it without the DOM library).
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...DOM_GLOBALS.map((name) => ({ name, message: 'src/core is pure: no DOM or worker globals.' })),
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react', 'react-dom', 'zustand', 'papaparse', '@tensorflow/*', 'plotly.js*', 'fflate'],
              message: 'src/core is pure TypeScript.',
            },
          ],
        },
      ],
    },
  },
  {
    // One home each: papaparse in src/workers/data, tfjs in src/kernels, plotly in src/components/plot.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/workers/**', 'src/kernels/**', 'src/components/plot/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['papaparse'], message: 'papaparse lives in src/workers only.' },
            { group: ['@tensorflow/*'], message: 'tfjs lives in src/kernels only.' },
            { group: ['plotly.js*'], message: 'plotly lives in src/components/plot only.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/kernels/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['papaparse', 'plotly.js*', 'react', 'react-dom'],
              message: 'kernels are numeric only.',
            },
          ],
        },
      ],
    },
  },
);
