// Lint with the layer boundaries of DEVELOPERS.md enforced:
// core ← kernels ← workers ← store ← features ← app. Each library lives in one home.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const layer = (target, from, message) => ({ target, from, message });

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
              ],
              'src/core is pure: it may not import any other layer.',
            ),
            layer(
              './src/kernels',
              ['./src/workers', './src/store', './src/features', './src/app', './src/components'],
              'src/kernels may import only src/core.',
            ),
            layer(
              './src/workers',
              ['./src/store', './src/features', './src/app', './src/components'],
              'src/workers may import only src/core and src/kernels.',
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
    // src/core is pure TypeScript: no React, DOM-only libraries, papaparse, tfjs or plotly.
    files: ['src/core/**/*.ts'],
    rules: {
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
    // One home each: papaparse in src/workers/parse, tfjs in src/kernels, plotly in src/components/plot.
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
