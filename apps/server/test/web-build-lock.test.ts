import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireBuildLock } from '../../../scripts/web-build.mjs';

// The lock that lets one process at a time build the web app (scripts/web-build.mjs): the browser test files
// start together, and two vite builds into one dist/ broke each other in CI.

const SCRIPT = resolve(import.meta.dirname, '../../../scripts/web-build.mjs');
const lockIn = () => join(mkdtempSync(join(tmpdir(), 'ml-build-lock-')), '.build.lock');

/** Another process that takes the lock, says so on stdout, holds it for `holdMs`, then releases it. */
function holdInChild(lockPath: string, holdMs: number) {
  const code = `
    const { acquireBuildLock } = await import(${JSON.stringify(SCRIPT)});
    const release = acquireBuildLock(${JSON.stringify(lockPath)});
    console.log('held');
    await new Promise((r) => setTimeout(r, ${holdMs}));
    release();
    console.log('released ' + Date.now());`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const held = new Promise<void>((resolveHeld) =>
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('held')) resolveHeld();
    }),
  );
  const exited = new Promise<string>((resolveExit) => child.on('exit', () => resolveExit(out)));
  return { child, held, exited };
}

describe('web build lock', () => {
  it('waits while another live process holds it, then takes it', async () => {
    const lockPath = lockIn();
    const other = holdInChild(lockPath, 1_500);
    await other.held;
    // acquireBuildLock waits synchronously; the child's release time is read after it returns.
    const release = acquireBuildLock(lockPath, 60_000);
    const acquiredAt = Date.now();
    expect(readFileSync(lockPath, 'utf8')).toBe(String(process.pid));
    release();
    expect(existsSync(lockPath), 'release removes the lock').toBe(false);
    const releasedAt = Number(/released (\d+)/.exec(await other.exited)?.[1]);
    expect(acquiredAt, 'taken only after the other process released it').toBeGreaterThanOrEqual(releasedAt);
  });

  it('takes over a lock whose process is gone', () => {
    const lockPath = lockIn();
    // Past the kernel's largest pid: no such process.
    writeFileSync(lockPath, String(2 ** 22 + 1));
    const release = acquireBuildLock(lockPath, 1_000);
    expect(readFileSync(lockPath, 'utf8')).toBe(String(process.pid));
    release();
  });

  it('gives up with a message naming the holder when a live one keeps it past the wait', async () => {
    const lockPath = lockIn();
    const other = holdInChild(lockPath, 5_000);
    await other.held;
    try {
      expect(() => acquireBuildLock(lockPath, 500)).toThrow(
        new RegExp(`waited 0.5 s for process ${other.child.pid} holding ${lockPath}`),
      );
    } finally {
      other.child.kill();
    }
  });
});
