import { spawnSync } from 'node:child_process';
import { createHash, type Hash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sourceFingerprint } from '../bin/cli-bundle.mjs';
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
  return copyOf(migratedTemplate(), prefix);
}

function migratedTemplate(): string {
  return template('migrated', migrationsHash(), [['migrate']]);
}

/**
 * A new data folder holding an empty, migrated database plus what `marketlens demo-data` writes: the demo
 * instruments, the screener's synthetic universe and Meme Radar's synthetic token. A server started on it finds
 * instruments, so it loads no demo data itself (and still creates the first admin, as there is no user): it is
 * ready in about 3 s and 4 CPU-s instead of 6.7 s and 8.8 on this machine (docs/benchmarks.md), which the browser
 * tests pay once per file. The template is named by the migrations and by the sources the CLI is built from, so
 * a change to a demo generator makes a new one. The seeding a first start does itself stays covered by the Data
 * page's browser test, which starts on a folder that does not exist.
 */
export function demoDataDir(prefix = 'ml-demo-'): string {
  // Made from a copy of the migrated template: the migrations and PGlite's initdb are not paid twice.
  const hash = migrationsHash().update(sourceFingerprint());
  return copyOf(template('demo', hash, [['demo-data']], migratedTemplate()), prefix);
}

function copyOf(templateDir: string, prefix: string): string {
  const dataDir = join(mkdtempSync(join(tmpdir(), prefix)), 'db');
  cpSync(templateDir, dataDir, { recursive: true });
  return dataDir;
}

/** The migrations and the PGlite version: a folder made by another version may not open. */
function migrationsHash(): Hash {
  return hashMigrations(createHash('sha256').update(readFileSync(PGLITE_PACKAGE)));
}

/**
 * The data folder of the template `kind`, named by `hash`, made on first use by running `commands` (each a
 * `marketlens` command line) on a new folder, or on a copy of the data folder `base`; the folder is
 * `<tmp>/marketlens-<kind>-<hash>/db`.
 */
export function template(kind: string, hash: Hash, commands: readonly (readonly string[])[], base?: string): string {
  const folder = join(tmpdir(), `marketlens-${kind}-${hash.digest('hex').slice(0, 16)}`);
  if (existsSync(folder)) return join(folder, 'db');

  // Made aside and renamed into place, so a process never copies a half-made template; when two processes
  // race, the rename of the second fails and it uses the first one's.
  const staging = mkdtempSync(`${folder}.staging-`);
  if (base) cpSync(base, join(staging, 'db'), { recursive: true });
  for (const command of commands) {
    const result = spawnSync(process.execPath, [BIN, ...command], {
      encoding: 'utf8',
      env: embeddedEnv(join(staging, 'db'), {}),
      timeout: 180_000,
    });
    if (result.status !== 0) {
      rmSync(staging, { recursive: true, force: true });
      throw new Error(
        `marketlens ${command.join(' ')} could not make the ${kind} template data folder (exit ${result.status}):\n${result.stderr}`,
      );
    }
  }
  try {
    renameSync(staging, folder);
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(folder)) throw err;
  }
  removeStaleTemplates(kind, folder);
  return join(folder, 'db');
}

/** An hour: far longer than a test run copies from a template it found, so no run loses one it is using. */
const STALE_TEMPLATE_MS = 60 * 60 * 1000;

/**
 * Removes the other templates of `kind` made over an hour ago. Each source change makes a new demo template
 * (tens of MB), so without this a day of edits would pile them up in the temporary folder.
 */
export function removeStaleTemplates(kind: string, keep: string): void {
  const prefix = `marketlens-${kind}-`;
  for (const name of readdirSync(tmpdir())) {
    const path = join(tmpdir(), name);
    if (!name.startsWith(prefix) || path === keep) continue;
    try {
      if (Date.now() - statSync(path).mtimeMs > STALE_TEMPLATE_MS) rmSync(path, { recursive: true, force: true });
    } catch {
      // Removed meanwhile by another process: nothing to do.
    }
  }
}
