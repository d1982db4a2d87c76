// Chart checks: helm lint/template, Kubernetes schema validation, render-time assertions, Dockerfile lint.
// No database or NATS: this project has no global setup. helm is fetched once into node_modules/.cache.
module.exports = {
  displayName: 'chart-tsunagu',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js'],
  testMatch: ['<rootDir>/test/**/*.spec.ts'],
  testTimeout: 120000,
  coverageDirectory: '../../coverage/charts/tsunagu',
};
