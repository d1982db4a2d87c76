const nxPreset = require('@nx/jest/preset').default;
// ESM-only packages (jose, content-disposition) that Jest's CommonJS runtime must transpile: one place for every project.
const esmPackages = require('./libs/platform/testing/src/jest-esm-packages.cjs');

module.exports = {
  ...nxPreset,
  transform: { ...esmPackages.transform },
  transformIgnorePatterns: esmPackages.transformIgnorePatterns,
};
