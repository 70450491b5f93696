import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashMigrations } from './migrations-digest';

const BIN = fileURLToPath(new URL('../bin/marketlens.mjs', import.meta.url));
// PGlite exports no package.json; its entry is <package>/dist/index.cjs.
const PGLITE_PACKAGE = join(
  dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite')),
  '..',
  'package.json',
);

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment of an embedded-mode CLI run on `dataDir`; run artifacts go next to it, never into the repo. */
function embeddedEnv(dataDir: string, env: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    MARKETLENS_DATABASE__DATA_DIR: dataDir,
    MARKETLENS_STORAGE__ARTIFACT_DIR: `${dataDir}-artifacts`,
    DATABASE_URL: '',
    REDIS_URL: '',
    MARKETLENS_LOG__LEVEL: 'warn',
    ...env,
  };
}

/**
 * Runs the real `marketlens` CLI in a child process in embedded mode against its own data folder (which need
 * not exist: the child then runs PGlite's initdb, as a first start does).
 */
export function runCli(dataDir: string, args: readonly string[], env: Record<string, string> = {}): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: embeddedEnv(dataDir, env),
    timeout: 180_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * A new data folder holding what `marketlens migrate` leaves in an empty one: an empty, migrated database.
 * The real CLI makes a template once per set of migrations (shared by the test processes of a run, and by
 * later runs) and each call copies it (a closed PGlite folder copies like any folder), because PGlite's
 * initdb costs a spawned process about 4 s and 6 CPU-s on a 2-core machine and the CLI and browser tests
 * start from a new folder dozens of times. First starts on a folder that does not exist stay covered: the
 * browser test of the Data page, the smoke test and the tests that give runCli a new path.
 */
export function migratedDataDir(prefix = 'ml-cli-'): string {
  const dataDir = join(mkdtempSync(join(tmpdir(), prefix)), 'db');
  cpSync(migratedTemplate(), dataDir, { recursive: true });
  return dataDir;
}

/** The template's folder, named by a hash of the migrations and the PGlite version, made on first use. */
function migratedTemplate(): string {
  const hash = hashMigrations(createHash('sha256').update(readFileSync(PGLITE_PACKAGE)));
  const template = join(tmpdir(), `marketlens-migrated-${hash.digest('hex').slice(0, 16)}`);
  if (existsSync(template)) return join(template, 'db');

  // Made aside and renamed into place, so a process never copies a half-made template; when two processes
  // race, the rename of the second fails and it uses the first one's.
  const staging = mkdtempSync(`${template}.staging-`);
  const result = spawnSync(process.execPath, [BIN, 'migrate'], {
    encoding: 'utf8',
    env: embeddedEnv(join(staging, 'db'), {}),
    timeout: 180_000,
  });
  if (result.status !== 0) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(
      `marketlens migrate could not make the template data folder (exit ${result.status}):\n${result.stderr}`,
    );
  }
  try {
    renameSync(staging, template);
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(template)) throw err;
  }
  return join(template, 'db');
}
