/** Jest compiles TypeScript with SWC (no type-check: `npm test` runs `tsc --noEmit` first). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>'],
  testMatch: ['**/__tests__/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }] },
  // ESM-only transitive dependencies (STACK.md): let SWC compile them to CommonJS.
  transformIgnorePatterns: ['/node_modules/(?!(content-disposition|cookie|quick-lru|mercurius|jose)/)'],
  testTimeout: 30000,
  // Every suite closes what it starts, and the whole suite exits on its own
  // (`npx jest --forceExit=false`); this is only a safety net, so a leak in some
  // client library (a reconnecting Redis client, a file watcher) never hangs CI.
  forceExit: true,
};
