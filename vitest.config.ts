import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'services/*/vitest.config.ts'],
    // Two cores in CI: keep parallelism bounded so local-stack servers don't starve each other.
    maxWorkers: 2,
    // Only the AWS SDK's Node.js 20 support notice (Lambda runs nodejs22.x); other warnings still print.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    // In CI a JSON report gives .ci/run the exact test counts for its closing line.
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.tmp/ci/vitest.json' }]] : ['default'],
  },
});
