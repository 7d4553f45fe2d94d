// Lint rules, including the dependency direction of the project:
//   harness/ imports nothing from server/ or web/;
//   the API contract (server/src/contract.ts) imports only typebox and types from harness/: the server and the web
//   app both read it, and the web app bundles it;
//   web/ imports from server/ only the contract (and types).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'data/**', '.tmp/**', 'web/dist/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        performance: 'readonly',
        URL: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
        WebAssembly: 'readonly',
        structuredClone: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        globalThis: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['harness/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/server/**', '**/web/**'], message: 'harness/ must not import from server/ or web/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['server/src/contract.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!typebox(/|$)|(\\.\\./)+harness/src/)',
              message: 'the API contract imports only typebox and types from harness/src (the web app bundles it).',
            },
            {
              regex: '(^|/)harness/',
              allowTypeImports: true,
              message: 'the API contract imports only types from harness/src (the web app bundles it).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['web/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)server/(?!src/contract\\.ts$)',
              allowTypeImports: true,
              message: 'web/ imports from server/ only the API contract (server/src/contract.ts), and types.',
            },
          ],
        },
      ],
    },
  },
  {
    // Problem solutions, exploits and drivers are user-style code: loops without bodies and unused params are the point.
    files: ['problems/**/solutions/**', 'tests/exploits/**', 'problems/**/starter.ts'],
    rules: {
      'no-empty': 'off',
      '@typescript-eslint/no-unused-vars': 'off',
      'no-constant-condition': 'off',
      '@typescript-eslint/no-require-imports': 'off',
      'no-unsafe-finally': 'off',
    },
  },
  {
    // Stored solutions are written the way candidates write them (issue 10: `var`, unused expressions, `let` never
    // reassigned...): the style rules do not apply to them, `judge check` does.
    files: ['problems/**/solutions/**'],
    rules: {
      'no-var': 'off',
      'prefer-const': 'off',
      '@typescript-eslint/no-unused-expressions': 'off',
      'no-useless-assignment': 'off',
      'no-empty-pattern': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
