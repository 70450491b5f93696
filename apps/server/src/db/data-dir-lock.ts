import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DataDirLockedError } from './data-dir-locked.error';

interface LockContent {
  pid: number;
  port?: number;
  startedAt: string;
}

// Lock files this process holds: a lock naming our own pid is live only if we took it (in a container the
// server is often pid 1 in every run, so an old lock with our pid is usually stale).
const heldByThisProcess = new Set<string>();

/**
 * Claims the PGlite data dir for this process by creating `<dataDir>.lock`. PGlite is a single-connection
 * database: a second process opening the same folder would corrupt it, so it gets a DataDirLockedError that
 * points it at the running server instead. Returns release(), which removes the lock if it is still ours.
 */
export function acquireDataDirLock(dataDir: string, info: { port?: number } = {}): () => void {
  const lockPath = `${resolve(dataDir).replace(/[/\\]+$/, '')}.lock`;
  const content: LockContent = { pid: process.pid, port: info.port, startedAt: new Date().toISOString() };
  mkdirSync(dirname(lockPath), { recursive: true });
  // Write the content to a private file, then hard-link it into place: link() fails when the target exists
  // (like O_EXCL) and the lock never appears without its content, so a reader never sees a half-written file.
  const tempPath = `${lockPath}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(tempPath, JSON.stringify(content));
  try {
    claim(tempPath, lockPath);
  } finally {
    unlinkSync(tempPath);
  }
  heldByThisProcess.add(lockPath);
  return () => release(lockPath, content);
}

function claim(tempPath: string, lockPath: string): void {
  // Two attempts: the second follows the removal of a stale lock.
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      linkSync(tempPath, lockPath);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const existing = readLock(lockPath);
    if (existing && isAlive(existing.pid, lockPath))
      throw new DataDirLockedError(existing.pid, existing.port, lockPath);
    // Stale (its process is gone) or unreadable: remove it and try again. Two processes replacing the same
    // stale lock at the same instant could both pass here; starting two servers within microseconds of
    // each other on a crashed data dir is not worth a more complex protocol.
    unlinkIfPresent(lockPath);
  }
  const holder = readLock(lockPath);
  throw new DataDirLockedError(holder?.pid ?? -1, holder?.port, lockPath);
}

function release(lockPath: string, ours: LockContent): void {
  heldByThisProcess.delete(lockPath);
  const current = readLock(lockPath);
  // Never delete a lock another process has taken since (after ours was judged stale).
  if (current && current.pid === ours.pid && current.startedAt === ours.startedAt) unlinkIfPresent(lockPath);
}

function readLock(lockPath: string): LockContent | undefined {
  try {
    const parsed = JSON.parse(readFileSync(lockPath, 'utf8')) as Partial<LockContent>;
    if (typeof parsed.pid !== 'number' || !Number.isInteger(parsed.pid) || parsed.pid <= 0) return undefined;
    return { pid: parsed.pid, port: parsed.port, startedAt: String(parsed.startedAt) };
  } catch {
    return undefined;
  }
}

function isAlive(pid: number, lockPath: string): boolean {
  if (pid === process.pid) return heldByThisProcess.has(lockPath);
  try {
    process.kill(pid, 0); // signal 0 checks existence without delivering anything
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function unlinkIfPresent(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
