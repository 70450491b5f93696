import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { acquireDataDirLock } from './data-dir-lock';
import { DataDirLockedError } from './data-dir-locked.error';

describe('acquireDataDirLock', () => {
  let root: string;
  let dataDir: string;
  let lockPath: string;
  let sleeper: ChildProcess;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'marketlens-lock-'));
    sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 600000)'], { stdio: 'ignore' });
  });
  afterAll(() => {
    sleeper.kill();
    rmSync(root, { recursive: true, force: true });
  });
  afterEach(() => rmSync(lockPath, { force: true }));

  let counter = 0;
  const freshDir = () => {
    dataDir = join(root, `db-${++counter}`);
    lockPath = `${dataDir}.lock`;
    return dataDir;
  };

  it('writes <dataDir>.lock with pid, port and start time', () => {
    const release = acquireDataDirLock(freshDir(), { port: 8080 });
    const content = JSON.parse(readFileSync(lockPath, 'utf8'));
    expect(content).toMatchObject({ pid: process.pid, port: 8080 });
    expect(Number.isNaN(Date.parse(content.startedAt))).toBe(false);
    release();
  });

  it('refuses a data dir whose lock names a live process and says how to reach the running server', () => {
    freshDir();
    writeFileSync(lockPath, JSON.stringify({ pid: sleeper.pid, port: 9123, startedAt: new Date().toISOString() }));
    let thrown: unknown;
    try {
      acquireDataDirLock(dataDir);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DataDirLockedError);
    const locked = thrown as DataDirLockedError;
    expect(locked).toMatchObject({ pid: sleeper.pid, port: 9123, lockPath });
    expect(locked.message).toContain('--server http://127.0.0.1:9123 --api-key KEY');
    expect(JSON.parse(readFileSync(lockPath, 'utf8')).pid, 'the live lock stays untouched').toBe(sleeper.pid);
  });

  it('refuses a second acquisition inside the same process', () => {
    const release = acquireDataDirLock(freshDir());
    expect(() => acquireDataDirLock(dataDir)).toThrow(DataDirLockedError);
    release();
  });

  it('replaces a stale lock whose process has exited', () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)']);
    freshDir();
    writeFileSync(lockPath, JSON.stringify({ pid: dead.pid, port: 1, startedAt: '2020-01-01T00:00:00.000Z' }));
    const release = acquireDataDirLock(dataDir, { port: 8081 });
    expect(JSON.parse(readFileSync(lockPath, 'utf8'))).toMatchObject({ pid: process.pid, port: 8081 });
    release();
  });

  it('replaces a corrupt lock file', () => {
    freshDir();
    writeFileSync(lockPath, '{not json');
    const release = acquireDataDirLock(dataDir);
    expect(JSON.parse(readFileSync(lockPath, 'utf8')).pid).toBe(process.pid);
    release();
  });

  it('release removes the lock so the data dir can be acquired again', () => {
    const release = acquireDataDirLock(freshDir());
    release();
    expect(existsSync(lockPath), 'the lock file is gone after release').toBe(false);
    const again = acquireDataDirLock(dataDir);
    expect(existsSync(lockPath)).toBe(true);
    again();
    again(); // releasing twice is harmless
    expect(existsSync(lockPath)).toBe(false);
  });

  it('release leaves alone a lock another process has taken over', () => {
    const release = acquireDataDirLock(freshDir());
    writeFileSync(lockPath, JSON.stringify({ pid: sleeper.pid, startedAt: new Date().toISOString() }));
    release();
    expect(JSON.parse(readFileSync(lockPath, 'utf8')).pid).toBe(sleeper.pid);
  });
});
