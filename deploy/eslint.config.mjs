import baseConfig from '../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    // k6 scripts import the k6 runtime's own modules (k6/http, k6/metrics …), which no package.json can list.
    files: ['k6/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
];
