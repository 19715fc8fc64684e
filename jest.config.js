/** One jest run over the whole workspace; sources are transformed by swc, types are checked by `tsc -b`. */
const swc = [
  '@swc/jest',
  {
    jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
    module: { type: 'commonjs' },
  },
];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/packages', '<rootDir>/projections', '<rootDir>/services'],
  testMatch: ['**/src/**/*.test.ts'],
  transform: { '^.+\\.(t|j)sx?$': swc },
  transformIgnorePatterns: ['/node_modules/(?!(\\.pnpm/uuid@[^/]+/node_modules/)?uuid/)'],
  moduleNameMapper: {
    '^@helpdesk/(events|domain|event-store|application)$': '<rootDir>/packages/$1/src',
    '^@helpdesk/projections$': '<rootDir>/projections/src',
  },
  testTimeout: 30000,
};
