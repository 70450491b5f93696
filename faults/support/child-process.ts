import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

/** A child process whose output is kept (the tail goes into failure messages) and that can be killed or awaited. */
export interface Child {
  readonly process: ChildProcess;
  output(): string;
  /** Resolves with the exit code (or signal name) once the process is gone. */
  exited(): Promise<string>;
  kill(signal?: NodeJS.Signals): Promise<string>;
}

const KEEP = 20_000;

export function startChild(command: string, args: readonly string[], options: SpawnOptions = {}): Child {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
  let out = '';
  const keep = (d: Buffer) => {
    out = (out + d.toString()).slice(-KEEP);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exit = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve(signal ?? String(code)));
  });
  return {
    process: child,
    output: () => out,
    exited: () => exit,
    kill: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exit;
    },
  };
}

/** Runs a command to the end; throws with its output when it fails. */
export async function run(command: string, args: readonly string[], options: SpawnOptions = {}): Promise<string> {
  const child = startChild(command, args, options);
  const code = await child.exited();
  if (code !== '0') throw new Error(`${command} ${args.join(' ')} exited with ${code}:\n${child.output()}`);
  return child.output();
}
