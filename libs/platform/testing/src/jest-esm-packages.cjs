// ESM-only packages the services use at run time (Node 20.20 `require()`s them natively) that Jest's
// CommonJS runtime cannot load: transpile them with ts-jest instead. Spread into a project's
// jest.config.cjs: `transform: { ...esmPackages.transform, <own transform> }, transformIgnorePatterns: esmPackages.transformIgnorePatterns`.
'use strict';
const path = require('node:path');

const ESM_PACKAGES = ['jose', 'content-disposition'];

module.exports = {
  transform: {
    [`/node_modules/(${ESM_PACKAGES.join('|')})/.+\\.js$`]: [
      'ts-jest',
      { tsconfig: path.join(__dirname, '..', 'tsconfig.esm-packages.json') },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
};
