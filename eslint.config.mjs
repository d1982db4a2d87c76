import nx from '@nx/eslint-plugin';
import jest from 'eslint-plugin-jest';

const services = ['registry', 'intake', 'outreach', 'matching', 'reporting', 'idp'];

export const PARENT_IMPORTS = { group: ['../../*'], message: 'Import other projects by their @tsunagu/* alias.' };
export const LEGACY_NATS = {
  name: 'nats',
  message: "Use @nats-io/transport-node and @nats-io/jetstream; the legacy 'nats' package is loaded by Nest's NATS transport only (libs/platform/messaging/src/lib/rpc, ADR 0014).",
};

/**
 * Architecture rules (ARCHITECTURE §3, STYLE practice 1): constraints combine with AND.
 * `extraTypes` widens what each type may depend on (tests may use `type:testing`).
 */
function boundaries(extraTypes) {
  const types = (...tags) => [...tags, ...extraTypes];
  return {
    enforceBuildableLibDependency: true,
    banTransitiveDependencies: true,
    allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
    depConstraints: [
      { sourceTag: 'type:app', onlyDependOnLibsWithTags: types('type:feature', 'type:data-access', 'type:contracts', 'type:util', 'type:ui') },
      { sourceTag: 'type:feature', onlyDependOnLibsWithTags: types('type:feature', 'type:data-access', 'type:contracts', 'type:util', 'type:ui') },
      { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: types('type:data-access', 'type:contracts', 'type:util') },
      { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: types('type:contracts', 'type:util'), bannedExternalImports: ['@mikro-orm/*', '@nestjs/*', 'nats', 'pg'] },
      { sourceTag: 'type:util', onlyDependOnLibsWithTags: types('type:util'), bannedExternalImports: ['@mikro-orm/*'] },
      { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:data-access', 'type:contracts', 'type:util', 'type:testing'] },
      { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:contracts', 'type:util', 'type:testing'] },
      // A service sees its own scope and shared libraries; other services only through contracts.
      ...services.map((service) => ({ sourceTag: `scope:${service}`, onlyDependOnLibsWithTags: [`scope:${service}`, 'scope:shared'] })),
      { sourceTag: 'scope:console', onlyDependOnLibsWithTags: ['scope:console', 'scope:shared'] },
      { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
      { sourceTag: 'platform:web', bannedExternalImports: ['@nestjs/*', '@mikro-orm/*', 'nats', 'pg'] },
    ],
  };
}

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/out-tsc', '**/node_modules', '.local', 'tmp', 'coverage'],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx'],
    rules: { '@nx/enforce-module-boundaries': ['error', boundaries([])] },
  },
  {
    // Tests may also use the fakes and fixtures of `type:testing` libraries; production code may not.
    files: ['**/*.spec.ts', '**/*.integration-spec.ts', '**/test/**/*.ts', '**/testing/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': ['error', boundaries(['type:testing'])] },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // No reaching into parents of a project: import a library by its alias. The legacy `nats` client is Nest's RPC transport's only (ADR 0014).
      'no-restricted-imports': ['error', { paths: [LEGACY_NATS], patterns: [PARENT_IMPORTS, { group: ['nats/*'], message: LEGACY_NATS.message }] }],
    },
  },
  {
    // A folder two levels down in a project's src (reporting's one folder per report) reaches src/ with `../../`, still
    // inside the project: there the parent rule starts one level further up.
    files: ['**/src/*/*/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [LEGACY_NATS], patterns: [{ ...PARENT_IMPORTS, group: ['../../../*'] }, { group: ['nats/*'], message: LEGACY_NATS.message }] }],
    },
  },
  {
    // A migration runs the SQL it had when it was written: no live helper of a library may change it later (their
    // output is written out in the migration; reporting's frozen DDL functions in projection-schema.ts are the exception).
    files: ['**/src/migrations/Migration*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['../../*'], message: 'Import other projects by their @tsunagu/* alias.' },
            { group: ['@tsunagu/*'], message: 'Write the SQL out in the migration: a library helper may change after the migration has run.' },
          ],
        },
      ],
    },
  },
  {
    // The local stack, the bench and the test harness's setup are plain CommonJS run by Node before anything is built.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: {
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-var-requires': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.integration-spec.ts'],
    plugins: { jest },
    rules: {
      'jest/no-focused-tests': 'error',
      'jest/no-disabled-tests': 'error',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
];
