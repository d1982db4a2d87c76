const nxPreset = require('@nx/jest/preset').default;
// ESM-only packages (jose, content-disposition) that Jest's CommonJS runtime must transpile: one place for every project.
const esmPackages = require('./libs/platform/testing/src/jest-esm-packages.cjs');

module.exports = {
  ...nxPreset,
  transform: { ...esmPackages.transform },
  transformIgnorePatterns: esmPackages.transformIgnorePatterns,
  // Integration tests talk to PostgreSQL and NATS; a hook or test that waits on them must fail, not hang.
  testTimeout: 30000,
  // A client left open by a failed test (pg pool, NATS reconnect timer) must not keep CI waiting after the
  // results are in; run `jest --detectOpenHandles` locally to find such leaks.
  forceExit: true,
};
