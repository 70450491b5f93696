// Lint config. Besides style, it enforces the dependency rules of DESIGN.md §1:
// quant and contracts import nothing of ours; web -> contracts (+ quant); server -> quant, contracts;
// no app imports another app; a server module imports other modules' `service` only.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

const nodeBuiltins = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'http',
  'https',
  'net',
  'crypto',
  'stream',
  'worker_threads',
  'process',
];

const restrict = (patterns) => ['error', { patterns }];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/.marketlens/**',
      'test-output/**',
      'bench/.data/**',
      'apps/server/drizzle/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['packages/quant/**'],
    rules: {
      'no-restricted-imports': restrict([
        { group: ['@marketlens/*'], message: 'quant depends on nothing of ours (DESIGN.md §1).' },
        { group: nodeBuiltins, message: 'quant is pure: no Node-only APIs (DESIGN.md §1).' },
      ]),
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'quant reads no env.' },
        { name: 'Date', message: 'quant has no clock: pass time in.' },
      ],
    },
  },
  {
    files: ['packages/contracts/**'],
    rules: {
      'no-restricted-imports': restrict([
        { group: ['@marketlens/*'], message: 'contracts depend on nothing of ours (DESIGN.md §1).' },
        { group: nodeBuiltins, message: 'contracts are shared with the browser: no Node-only APIs.' },
      ]),
    },
  },
  {
    files: ['apps/web/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': restrict([
        {
          group: ['@marketlens/server', '@marketlens/server/*', '**/apps/server/**', '**/server/src/**'],
          message: 'web may import contracts and quant only (DESIGN.md §1).',
        },
        { group: nodeBuiltins, message: 'web runs in the browser.' },
      ]),
    },
  },
  {
    // The build's own config and plugins run in Node (Vite), never in the browser.
    files: ['apps/web/vite.config.ts', 'apps/web/vite-*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': restrict([
        {
          group: ['@marketlens/server', '@marketlens/server/*', '**/apps/server/**', '**/server/src/**'],
          message: 'web may import contracts and quant only (DESIGN.md §1).',
        },
      ]),
    },
  },
  {
    files: ['apps/server/**'],
    rules: {
      'no-restricted-imports': restrict([
        {
          group: ['@marketlens/web', '**/apps/web/**', '**/web/src/**'],
          message: 'no app imports another app (DESIGN.md §1).',
        },
      ]),
    },
  },
  {
    files: ['apps/server/src/modules/**'],
    rules: {
      'no-restricted-imports': restrict([
        { group: ['@marketlens/web', '**/apps/web/**'], message: 'no app imports another app (DESIGN.md §1).' },
        {
          group: [
            '../*/*.store',
            '../*/*.store.js',
            '../*/*.routes',
            '../*/*.routes.js',
            '../*/*.store.*',
            '../*/*.routes.*',
          ],
          message: "a module imports other modules' service only, never their store or routes (DESIGN.md §1).",
        },
      ]),
    },
  },
);
