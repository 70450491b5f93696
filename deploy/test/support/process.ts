import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

// The processes the deploy tests start (nginx, Prometheus, Alertmanager, MarketLens roles, the image's server):
// each on 127.0.0.1 and a free port, its output kept for failure messages, stopped by its own pid.

/** A port the OS just handed out on 127.0.0.1 (closed again, so a child process can bind it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export interface LoggedProcess {
  child: ChildProcess;
  output(): string;
  exited(): boolean;
  /** SIGTERM, then SIGKILL after 10 s; resolves once the process has exited. */
  stop(): Promise<void>;
}

/**
 * Spawns a long-running process and keeps its stdout and stderr for failure messages. With `logFile` both go to
 * that file instead of a pipe: Node's pipes are sockets, and a program that opens /dev/stdout (nginx's
 * access_log) cannot open a socket that way.
 */
export function spawnLogged(
  command: string,
  args: string[],
  options: SpawnOptions = {},
  logFile?: string,
): LoggedProcess {
  const fd = logFile ? openSync(logFile, 'a') : undefined;
  const child = spawn(command, args, { ...options, stdio: ['ignore', fd ?? 'pipe', fd ?? 'pipe'] });
  if (fd !== undefined) closeSync(fd);
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  return {
    child,
    output: () => (logFile ? readFileSync(logFile, 'utf8') : out),
    exited,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited()) return resolve();
        const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** Runs a command to completion; resolves with its exit code and output. */
export function runToExit(
  command: string,
  args: string[],
  options: SpawnOptions,
  logFile?: string,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawnLogged(command, args, options, logFile);
    proc.child.once('error', reject);
    proc.child.once('close', (code) => resolve({ code, output: proc.output() }));
  });
}

/**
 * Polls `check` until it returns a value (not undefined), the process dies, or the deadline passes. Readiness
 * waits only: no test asserts on how long anything took.
 */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  options: { process?: LoggedProcess; timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 90_000);
  let lastError: unknown;
  for (;;) {
    if (options.process?.exited()) throw new Error(`${what}: the process exited\n${options.process.output()}`);
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      const detail = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`gave up waiting for ${what}${detail}\n${options.process?.output() ?? ''}`);
    }
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 250));
  }
}

/** Polls `url` until it answers `status` (or the process dies, or `timeoutMs` passes). */
export function waitForHttp(url: string, proc: LoggedProcess, timeoutMs = 90_000, status = 200): Promise<void> {
  return waitFor(
    `${url} to answer ${status}`,
    async () => {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.status !== status) throw new Error(`status ${res.status}`);
      return true;
    },
    { process: proc, timeoutMs },
  ).then(() => undefined);
}

/** The environment minus npm's and vitest's own variables, so a child npm or node behaves as in a clean shell. */
export function cleanEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(env).filter(([key]) => !/^(npm_|VITEST|NODE_OPTIONS$|NODE_PATH$|NODE_ENV$)/i.test(key)),
  );
}
