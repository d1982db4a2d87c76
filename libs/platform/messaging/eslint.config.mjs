import baseConfig, { PARENT_IMPORTS } from '../../../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    // Nest's NATS transport (Transport.NATS, ClientProxy) loads the legacy `nats` package: the RPC code builds its headers with it (ADR 0014).
    files: ['src/lib/rpc/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [PARENT_IMPORTS] }] },
  },
];
