import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

/**
 * FUZZ_IN_OWN_RUN=1 leaves the fuzz files (apps/server/test/fuzz-*) out of this run: `.ci/run` sets it for
 * `npm test` because it runs them at full size in a run of their own right after, so CI generates each input once
 * instead of a third of them twice (about 40 s of test time on 2 cores). Without it, `npm test` runs them at
 * scale 1 as always.
 */
const FUZZ_FILES_ELSEWHERE = process.env.FUZZ_IN_OWN_RUN === '1' ? ['test/fuzz-*.test.ts'] : [];

const WEB_DIR = fileURLToPath(new URL('apps/web', import.meta.url));

/** The web test files (relative to apps/web) that mock a module or stub a global: they cannot share modules. */
const WEB_TESTS_THAT_MOCK = readdirSync(join(WEB_DIR, 'src'), { recursive: true, encoding: 'utf8' })
  .filter((file) => /\.test\.tsx?$/.test(file))
  .map((file) => join('src', file))
  .filter((file) => /\bvi\.(mock|doMock|stubGlobal|stubEnv)\(/.test(readFileSync(join(WEB_DIR, file), 'utf8')));

// One runner for the whole repo. Server tests share real PostgreSQL/Redis databases,
// so files run in forks with limited parallelism (this machine has 2 cores).
// Three workers on two cores: most test time is spent waiting on PostgreSQL, Redis and child processes, and
// the default (cores - 1 = one worker) left a core idle (server signals + alerts tests: 107 s -> 88 s).
export default defineConfig({
  test: {
    maxWorkers: 3,
    projects: [
      // Tests on real data (a year of BTC minutes through two backtest engines) take 2-5 s alone and more under the
      // load of a whole run: vitest's default 5 s timeout failed one on 2026-12-06. The timeout guards hangs only.
      // isolate: false as in the server project below: the files share their worker's modules (and the fixtures
      // those load once, such as the BTC minute bars) instead of importing them again each; pure functions, no
      // mocks. The project took 29-35 s and 55-66 CPU-s against 53-62 s and 102-118 CPU-s (2026-12-06).
      {
        test: {
          name: 'quant',
          root: 'packages/quant',
          include: ['src/**/*.test.ts'],
          testTimeout: 30_000,
          isolate: false,
        },
      },
      { test: { name: 'contracts', root: 'packages/contracts', include: ['src/**/*.test.ts'] } },
      {
        test: {
          name: 'server',
          root: 'apps/server',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...FUZZ_FILES_ELSEWHERE],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
          fileParallelism: true,
          // A worker imports the server's modules once for all its files instead of once per file: the
          // imports were a third of the project's wall time (signals + alerts tests: 171 s -> 107 s). Safe
          // because no server test mocks modules or stubs globals; each file builds its own platform.
          isolate: false,
        },
      },
      // Web test files that replace a module (vi.mock) or a global get a fresh module graph each; the others
      // share their worker's, which saves building most of the app's imports again for every file.
      {
        extends: 'apps/web/vite.config.ts',
        test: { name: 'web', root: 'apps/web', include: WEB_TESTS_THAT_MOCK, environment: 'jsdom' },
      },
      {
        extends: 'apps/web/vite.config.ts',
        test: {
          name: 'web-shared',
          root: 'apps/web',
          include: ['src/**/*.test.{ts,tsx}'],
          exclude: WEB_TESTS_THAT_MOCK,
          environment: 'jsdom',
          isolate: false,
        },
      },
      {
        test: {
          name: 'deploy',
          root: 'deploy',
          include: ['test/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // Shared modules here also share the built kustomizations (support/k8s-build.ts builds each once per
          // worker, not once per file): 139 s and 250 CPU-s against 150-157 s and 270 (2026-12-06). No file
          // mocks a module or stubs a global.
          isolate: false,
        },
      },
      { test: { name: 'e2e', root: 'e2e', include: ['**/*.e2e.test.ts'], testTimeout: 120_000, hookTimeout: 180_000 } },
    ],
  },
});
