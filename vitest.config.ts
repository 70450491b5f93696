import { defineConfig } from 'vitest/config';

// One runner for the whole repo. Server tests share real PostgreSQL/Redis databases,
// so files run in forks with limited parallelism (this machine has 2 cores).
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'quant', root: 'packages/quant', include: ['src/**/*.test.ts'] } },
      { test: { name: 'contracts', root: 'packages/contracts', include: ['src/**/*.test.ts'] } },
      {
        test: {
          name: 'server',
          root: 'apps/server',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
          fileParallelism: true,
        },
      },
      {
        extends: 'apps/web/vite.config.ts',
        test: { name: 'web', root: 'apps/web', include: ['src/**/*.test.{ts,tsx}'], environment: 'jsdom' },
      },
      {
        test: {
          name: 'deploy',
          root: 'deploy',
          include: ['test/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      { test: { name: 'e2e', root: 'e2e', include: ['**/*.e2e.test.ts'], testTimeout: 120_000, hookTimeout: 180_000 } },
    ],
  },
});
