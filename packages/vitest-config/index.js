// Plain JS on purpose: Vitest loads config files before any TypeScript loader is active, and it does not
// transpile workspace packages it imports from node_modules.
import { defineProject, mergeConfig } from 'vitest/config';

/** The preset every package and service uses: node environment, tests under `test/`, room for local-stack start-up. */
export const projectDefaults = defineProject({
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    restoreMocks: true,
    unstubEnvs: true,
  },
});

/** @param {string} name @param {import('vitest/config').UserWorkspaceConfig} [overrides] */
export const defineFsxnProject = (name, overrides = {}) =>
  mergeConfig(projectDefaults, defineProject({ ...overrides, test: { name, ...overrides.test } }));
