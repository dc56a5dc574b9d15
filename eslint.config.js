// Flat config: typescript-eslint's recommended rules on every TypeScript file.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { floors } from './eslint/floors.js';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/out/**', 'gpu/out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Use the seeded RNG in src/lib/random.ts.' }],
    },
  },
  {
    // The floors of the house (eslint/floors.js): imports point down, never up or across chapters.
    files: ['src/**/*.ts'],
    plugins: { house: { rules: { floors } } },
    rules: { 'house/floors': 'error' },
  },
  {
    files: ['src/lib/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['d3*'], message: 'src/lib imports tfjs only: no DOM, no d3.' }] }],
      'no-restricted-globals': ['error', 'document', 'window'],
    },
  },
  {
    files: ['src/viz/**/*.ts', 'src/settings/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['@tensorflow/*', 'comlink'], message: 'viz and settings import no tfjs and no worker plumbing.' }] }] },
  },
);
