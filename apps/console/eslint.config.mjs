import baseConfig, { LEGACY_NATS, PARENT_IMPORTS } from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    // Dates follow the 和暦/西暦 toggle and the Japan day everywhere: react-admin's own date components do neither.
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['src/dates/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          // The repository's restrictions stay (a rule's options are replaced, not merged).
          patterns: [PARENT_IMPORTS, { group: ['nats/*'], message: LEGACY_NATS.message }],
          paths: [
            LEGACY_NATS,
            {
              name: 'react-admin',
              importNames: ['DateField', 'DateInput', 'DateTimeInput', 'TimeInput'],
              message: 'Use the 和暦-aware components of src/dates (DateField, DateInput, DateTimeInput).',
            },
          ],
        },
      ],
    },
  },
];
