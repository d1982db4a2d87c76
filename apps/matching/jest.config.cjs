// platform-testing re-exports an OIDC test issuer built on `jose` (ESM only); the shared helper transforms it.
const esmPackages = require('../../libs/platform/testing/src/jest-esm-packages.cjs');

module.exports = {
  displayName: 'matching',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    ...esmPackages.transform,
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  transformIgnorePatterns: esmPackages.transformIgnorePatterns,
  moduleFileExtensions: ['ts', 'js'],
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.integration-spec.ts'],
  globalSetup: '../../libs/platform/testing/src/jest-global-setup.cjs',
  globalTeardown: '../../libs/platform/testing/src/jest-global-teardown.cjs',
  coverageDirectory: '../../coverage/apps/matching',
};
