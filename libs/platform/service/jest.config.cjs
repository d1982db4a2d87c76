module.exports = {
  displayName: 'platform-service',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js'],
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.integration-spec.ts'],
  globalSetup: '../../../libs/platform/testing/src/jest-global-setup.cjs',
  globalTeardown: '../../../libs/platform/testing/src/jest-global-teardown.cjs',
  coverageDirectory: '../../../coverage/libs/platform/service',
};
