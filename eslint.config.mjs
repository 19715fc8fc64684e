import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'coverage/**', '.helpdesk/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'CallExpression[callee.property.name=/^(skip|only|todo)$/][callee.object.name=/^(it|test|describe)$/]',
          message: 'no skipped or focused tests',
        },
      ],
    },
  },
  {
    // the EventStoreDB test server lives with the tests, never in the product
    files: ['**/*.ts'],
    ignores: ['**/*.test.ts', '**/test-server/**', '**/testing/**', '**/contract/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/test-server', '**/test-server/**'] }],
    },
  },
  {
    files: ['packages/domain/src/**/*.ts'],
    ignores: ['**/*.test.ts', 'packages/domain/src/testing/**'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'Date', message: 'deciders are pure: the clock is injected' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'deciders are pure: no randomness' },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            'node:*',
            'fs',
            'uuid',
            'pg',
            '@helpdesk/event-store',
            '@helpdesk/application',
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
