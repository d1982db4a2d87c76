const esmPackages = require('../../libs/platform/testing/src/jest-esm-packages.cjs');

module.exports = {
  displayName: 'idp',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    ...esmPackages.transform,
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  transformIgnorePatterns: esmPackages.transformIgnorePatterns,
  moduleFileExtensions: ['ts', 'js'],
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.integration-spec.ts'],
  coverageDirectory: '../../coverage/apps/idp',
};
