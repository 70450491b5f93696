// Builds apps/web when its sources are newer than the last build. Shared by `npm start` and the browser test.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const web = join(root, 'apps/web');
export const webDist = join(web, 'dist');
const builtIndex = join(webDist, 'index.html');

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

export function webBuildIsStale() {
  const sources = [
    join(web, 'src'),
    join(web, 'index.html'),
    join(web, 'vite.config.ts'),
    join(web, 'vite-precompress.ts'),
    join(root, 'packages/contracts/src'),
  ];
  if (!existsSync(builtIndex)) return true;
  return Math.max(...sources.filter(existsSync).map(newestMtime)) > statSync(builtIndex).mtimeMs;
}

/** How long a caller waits for another process's build before giving up. */
const BUILD_WAIT_MS = 5 * 60_000;
const buildLock = join(web, '.build.lock');

/**
 * Builds the web app when it is stale. One process builds at a time (the browser test files start together,
 * and two vite builds into one dist/ break each other); the others wait for it, then find the build fresh.
 */
export function ensureWebBuild() {
  if (!webBuildIsStale()) return;
  const release = acquireBuildLock(buildLock);
  try {
    if (!webBuildIsStale()) return;
    console.log('Building the web app (first start or sources changed)...');
    const build = spawnSync('npm', ['run', 'build', '-w', 'apps/web'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) throw new Error(`web build failed with exit code ${build.status}`);
  } finally {
    release();
  }
}

/**
 * Takes a lock file (apps/web/.build.lock for the build) holding this process's pid, waiting while a live
 * process holds it; returns its release.
 */
export function acquireBuildLock(lockPath, waitMs = BUILD_WAIT_MS) {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
    }
    // A lock whose process is gone (killed mid-build) is taken over; an empty one is being written.
    const holder = readLockHolder(lockPath);
    if (holder === undefined) continue;
    if (holder.pid === undefined ? holder.ageMs > 10_000 : !isAlive(holder.pid)) {
      rmSync(lockPath, { force: true });
      continue;
    }
    if (Date.now() > deadline)
      throw new Error(`waited ${waitMs / 1000} s for process ${holder.pid} holding ${lockPath}`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
  }
}

/** The lock's pid (undefined while it is being written) and age; undefined when the lock is gone. */
function readLockHolder(lockPath) {
  try {
    const text = readFileSync(lockPath, 'utf8');
    const ageMs = Date.now() - statSync(lockPath).mtimeMs;
    return { pid: text === '' ? undefined : Number(text), ageMs };
  } catch (err) {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  }
}

function isAlive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}
