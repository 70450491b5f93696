import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoDataDir } from '../apps/server/test/run-cli';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface ServerProcess {
  url: string;
  admin: { email: string; password: string };
  output: () => string;
  stop(): Promise<void>;
}

export interface StartOptions {
  /**
   * Start on a folder that does not exist yet, exactly as a first `npm start` does: PGlite's initdb, the
   * migrations and the demo data all run in the server. Otherwise the folder is a copy of a template
   * (run-cli.ts) holding a migrated database with the demo data that `marketlens demo-data` writes, the same
   * data a first start loads; the server then only creates the first admin, and is ready in about half the time.
   */
  firstStart?: boolean;
}

/**
 * Starts the real server as `npm start` does (embedded mode, a new data folder, port chosen by the OS) and
 * reads the URL and the once-printed admin login from its output.
 */
export async function startServerProcess(
  env: Record<string, string> = {},
  { firstStart = false }: StartOptions = {},
): Promise<ServerProcess> {
  const dataDir = firstStart ? join(mkdtempSync(join(tmpdir(), 'ml-e2e-')), 'db') : demoDataDir('ml-e2e-');
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'apps/server/bin/marketlens.mjs'), 'serve'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      MARKETLENS_DATABASE__DATA_DIR: dataDir,
      MARKETLENS_LOG__LEVEL: 'info',
      DATABASE_URL: '',
      REDIS_URL: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 90 s:\n${out}`)), 90_000);
    const check = () => {
      const match = /"url":"(http:\/\/[^"]+)"/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
  const email = /email:\s+(\S+)/.exec(out)?.[1];
  const password = /password:\s+(\S+)/.exec(out)?.[1];
  if (!email || !password) throw new Error(`no admin login printed:\n${out}`);

  return {
    url,
    admin: { email, password },
    output: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
