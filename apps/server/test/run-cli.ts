import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/marketlens.mjs', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real `marketlens` CLI in a child process in embedded mode against its own data folder (which need
 * not exist); run artifacts go next to it, never into the repository.
 */
export function runCli(dataDir: string, args: readonly string[], env: Record<string, string> = {}): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: {
      ...process.env,
      MARKETLENS_DATABASE__DATA_DIR: dataDir,
      MARKETLENS_STORAGE__ARTIFACT_DIR: `${dataDir}-artifacts`,
      DATABASE_URL: '',
      REDIS_URL: '',
      MARKETLENS_LOG__LEVEL: 'warn',
      ...env,
    },
    timeout: 180_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
