// One lint setup for the whole repository; packages run `eslint .` from their folder and the root
// eslint.config.js builds it for its own folder. The walls between parts are rules here, not habits.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import globals from 'globals';
import { wallZones } from './walls.js';

/** The lint setup of the repository whose root folder is `repoRoot` (where its apps/ and packages/ are). */
export function repositoryConfig(repoRoot) {
  return tseslint.config(
    {
      ignores: [
        '**/dist/**',
        '**/node_modules/**',
        '**/generated/**',
        '**/.turbo/**',
        '**/var/**',
        '**/public/mockServiceWorker.js',
        '**/test-results/**',
        '**/playwright-report/**',
        'bench/out/**',
      ],
    },
    js.configs.recommended,
    ...tseslint.configs.recommended,
    {
      languageOptions: { globals: { ...globals.browser, ...globals.node } },
      rules: {
        '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
        '@typescript-eslint/consistent-type-imports': 'error',
      },
    },
    {
      files: ['**/*.ts', '**/*.tsx'],
      plugins: { 'import-x': importX },
      settings: {
        ...importX.flatConfigs.typescript.settings,
        'import-x/resolver': undefined,
        'import-x/resolver-next': [createTypeScriptImportResolver({ alwaysTryTypes: true })],
      },
      rules: {
        'import-x/no-restricted-paths': ['error', { basePath: repoRoot, zones: wallZones(repoRoot) }],
        // A relative import that leaves its package reaches into another package's files.
        'import-x/no-relative-packages': 'error',
        'import-x/no-cycle': ['error', { ignoreExternal: true }],
      },
    },
    {
      files: ['**/*.test.ts', '**/*.test.tsx', '**/test-stack.ts', '**/test/**/*.ts'],
      rules: {
        'import-x/no-restricted-paths': [
          'error',
          { basePath: repoRoot, zones: wallZones(repoRoot, { forTests: true }) },
        ],
      },
    },
    {
      // react-router is reached only through @simplebank/platform (packages/platform/src/routing.ts):
      // it is not a shared module of its own, so a direct import would bundle a second router whose
      // context the shell never provides.
      files: ['apps/**/*.{ts,tsx}', 'packages/**/*.{ts,tsx}'],
      ignores: ['packages/platform/src/routing.ts'],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            paths: ['react-router', 'react-router-dom'].map((name) => ({
              name,
              message: 'import routing from @simplebank/platform: react-router is not shared on its own.',
            })),
          },
        ],
      },
    },
    {
      // The single-bundle benchmark builds the apps' sources into one bundle on purpose, to compare.
      files: ['bench/single-bundle/**'],
      rules: { 'import-x/no-relative-packages': 'off' },
    },
    {
      // Type-aware rules: a promise nobody awaits loses its error.
      files: ['**/*.ts', '**/*.tsx'],
      languageOptions: { parserOptions: { projectService: true } },
      rules: {
        '@typescript-eslint/no-floating-promises': 'error',
        '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      },
    },
    {
      files: ['**/*.tsx'],
      plugins: { 'react-hooks': reactHooks },
      rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
    },
  );
}
