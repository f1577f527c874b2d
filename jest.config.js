// Jest runs the TypeScript sources through SWC as CommonJS. @nestjs/* 12 and a few of their
// helpers ship only ESM, so SWC compiles those too (stack-notes.md: "Jest with NestJS 12").
const swc = {
  sourceMaps: 'inline',
  module: { type: 'commonjs' },
  jsc: {
    target: 'es2022',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    keepClassNames: true,
  },
};

const esmPackages = [
  '@nestjs',
  '@apollo',
  '@as-integrations',
  'file-type',
  'strtok3',
  'token-types',
  'uint8array-extras',
  '@tokenizer',
  'load-esm',
];

/** @type {import('jest').Config} */
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj|cj)s$': ['@swc/jest', swc] },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleNameMapper: {
    '^@lib/([a-z-]+)$': '<rootDir>/libs/$1/src',
    '^@migrations$': '<rootDir>/migrations',
  },
  testRegex: '\\.(spec|int-spec|e2e-spec)\\.ts$',
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  globalSetup: '<rootDir>/libs/testing/src/jest/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/jest/global-teardown.ts',
  // A limit only for a test that hangs: far above any test's work on a slow, busy machine, so the
  // verdict never depends on speed (README "Working on it"); no test sets a shorter one.
  testTimeout: 900_000,
  maxWorkers: 2,
  // A worker keeps what each test file loaded (Nest apps, TypeORM metadata, transformed modules):
  // its heap grew past 1 GB over the suite, and a test file that allocates much then ran slowly
  // in it (the reader fuzz spec: 28 s there, 4 s in a fresh worker). Above this heap, Jest starts
  // a fresh worker for the next file (the whole suite: 300 s against 338 s, one run each).
  workerIdleMemoryLimit: '700MB',
};
