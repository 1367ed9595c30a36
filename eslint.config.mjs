import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

/** Drivers and frameworks that domain, port, contracts and util code must never import. */
const DRIVERS = ['@nestjs/*', 'kafkajs', '@eventstore/*', 'mongodb', 'better-sqlite3', 'sqlite3', 'express'];

export default tseslint.config(
  { ignores: ['**/node_modules', '**/dist', 'coverage', 'data', '.nx', 'bench/results', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-require-imports': 'off',
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allowCircularSelfDependency: false,
          depConstraints: [
            // Workspace tooling (npm start, generators, architecture tests) may use any library, but no app.
            { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:feature', 'type:nest', 'type:adapter', 'type:port', 'type:domain', 'type:contracts', 'type:util'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:feature', 'type:nest', 'type:adapter', 'type:port', 'type:domain', 'type:contracts', 'type:util'] },
            { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:nest', 'type:port', 'type:domain', 'type:contracts', 'type:util'] },
            { sourceTag: 'type:nest', onlyDependOnLibsWithTags: ['type:adapter', 'type:port', 'type:contracts', 'type:util'] },
            { sourceTag: 'type:adapter', onlyDependOnLibsWithTags: ['type:adapter', 'type:port', 'type:contracts', 'type:util'] },
            { sourceTag: 'type:port', onlyDependOnLibsWithTags: ['type:port', 'type:contracts', 'type:util'], bannedExternalImports: DRIVERS },
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:util'], bannedExternalImports: DRIVERS },
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:util'], bannedExternalImports: DRIVERS },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'], bannedExternalImports: DRIVERS },
            // Contexts talk only through contracts: a context may use the platform, shared code and itself.
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:platform', onlyDependOnLibsWithTags: ['scope:platform', 'scope:shared'] },
            { sourceTag: 'scope:pledge', onlyDependOnLibsWithTags: ['scope:pledge', 'scope:platform', 'scope:shared'] },
            { sourceTag: 'scope:review', onlyDependOnLibsWithTags: ['scope:review', 'scope:platform', 'scope:shared'] },
            { sourceTag: 'scope:appraisal', onlyDependOnLibsWithTags: ['scope:appraisal', 'scope:platform', 'scope:shared'] },
            { sourceTag: 'scope:reward', onlyDependOnLibsWithTags: ['scope:reward', 'scope:platform', 'scope:shared'] },
            { sourceTag: 'scope:gateway', onlyDependOnLibsWithTags: ['scope:gateway', 'scope:audit', 'scope:platform', 'scope:shared'] },
            // The auditor's record reads every context's streams and folds them with their deciders (domain libraries only).
            { sourceTag: 'scope:audit', onlyDependOnLibsWithTags: ['scope:audit', 'scope:platform', 'scope:shared', 'scope:pledge', 'scope:review', 'scope:appraisal', 'scope:reward'] },
            { sourceTag: 'scope:tools', onlyDependOnLibsWithTags: ['scope:platform', 'scope:shared', 'scope:pledge', 'scope:review', 'scope:appraisal', 'scope:reward', 'scope:gateway'] },
          ],
        },
      ],
      // Configuration is read in one place per app (apps/*/src/config.ts).
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read settings in apps/*/src/config.ts and pass them in.' }],
    },
  },
  {
    // The web console runs in a browser: it may import only its own code and browser packages —
    // no workspace library (they are server code) and no Node built-in, framework or driver.
    files: ['apps/console/src/**/*.ts', 'apps/console/src/**/*.tsx'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allowCircularSelfDependency: false,
          depConstraints: [{ sourceTag: 'scope:console', onlyDependOnLibsWithTags: ['scope:console'], bannedExternalImports: [...DRIVERS, 'jose', 'pino', 'pino-http', 'prom-client', 'playwright-core', 'axe-core', '@swc-node/*'] }],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-restricted-imports': ['error', { patterns: [{ regex: '^node:', message: 'Node built-ins do not run in the browser.' }], paths: ['fs', 'path', 'os', 'child_process', 'crypto', 'http', 'net', 'url', 'stream'] }],
    },
  },
  {
    // Where reading the environment is the job: app config, tests' server URLs, tooling and benchmarks.
    files: ['apps/*/src/config.ts', '**/*.spec.ts', '**/testing/**/*.ts', 'tools/**/*.ts', 'bench/**/*.ts', 'apps/console/scripts/**/*.ts', 'apps/console/e2e/**/*.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
);
