import { spawnSync } from 'node:child_process';

/** The Debian package that ships each tool (.ci/run installs them). */
export const DEBIAN_PACKAGE = {
  promtool: 'prometheus',
  prometheus: 'prometheus',
  amtool: 'prometheus-alertmanager',
  // Debian names the Alertmanager binary after its package.
  'prometheus-alertmanager': 'prometheus-alertmanager',
} as const;
export type PromTool = keyof typeof DEBIAN_PACKAGE;

/** Fails (never skips) when a tool is missing, naming the package that provides it. */
export function requireTool(tool: PromTool): void {
  const found = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' });
  if (found.status !== 0) {
    throw new Error(`${tool} is not installed: apt-get install -y ${DEBIAN_PACKAGE[tool]} (Debian package)`);
  }
}

export interface ToolResult {
  code: number | null;
  /** stdout and stderr together, for assertion messages. */
  output: string;
  stdout: string;
}

export function runTool(tool: PromTool, args: string[], options: { cwd?: string } = {}): ToolResult {
  const result = spawnSync(tool, args, { encoding: 'utf8', cwd: options.cwd, timeout: 60_000 });
  if (result.error) throw result.error;
  return { code: result.status, output: `${result.stdout}${result.stderr}`, stdout: result.stdout };
}
