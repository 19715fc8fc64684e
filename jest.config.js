/** One jest run over the whole workspace; sources are transformed by swc, types are checked by `tsc -b`. */
const swc = [
  '@swc/jest',
  {
    jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
    module: { type: 'commonjs' },
  },
];

/**
 * PGlite's CommonJS build loads node built-ins with `import()`, which jest's sandbox refuses without
 * `--experimental-vm-modules`; compiled by swc, those become `require` calls and run anywhere.
 */
const swcForCommonJs = [
  '@swc/jest',
  {
    jsc: { target: 'es2022', parser: { syntax: 'ecmascript' } },
    module: { type: 'commonjs' },
  },
];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/packages', '<rootDir>/projections', '<rootDir>/services'],
  testMatch: ['**/src/**/*.test.ts'],
  transform: { '^.+\\.(t|j)sx?$': swc, '^.+\\.cjs$': swcForCommonJs },
  // compiled although under node_modules: uuid (ESM only) and PGlite (see swcForCommonJs)
  transformIgnorePatterns: [
    '/node_modules/(?!(\\.pnpm/(uuid|@electric-sql\\+pglite)@[^/]+/node_modules/)?(uuid|@electric-sql/pglite)/)',
  ],
  moduleNameMapper: {
    '^@helpdesk/(events|domain|event-store|application)$': '<rootDir>/packages/$1/src',
    '^@helpdesk/projections$': '<rootDir>/projections/src',
    '^@helpdesk/(api|cli|worker|subscriber-example)$': '<rootDir>/services/$1/src',
  },
  testTimeout: 30000,
};
