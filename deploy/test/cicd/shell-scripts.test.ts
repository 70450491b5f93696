import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRepoFile, repoPath } from '../support/repo';
import { parseWorkflow, WORKFLOW_FILES } from '../support/cicd-workflows';

// Every shell script of the deploy tooling passes ShellCheck (Debian package `shellcheck`), and documents itself.
const scripts = [
  ...readdirSync(repoPath('deploy/scripts'))
    .filter((f) => f.endsWith('.sh'))
    .map((f) => `deploy/scripts/${f}`),
  ...readdirSync(repoPath('deploy/test/support'))
    .filter((f) => f.endsWith('.sh'))
    .map((f) => `deploy/test/support/${f}`),
];

const SHELLCHECK_MISSING = 'shellcheck is not installed: apt-get install -y shellcheck (Debian)';

/** Every `run:` block of the workflows, as GitHub runs it (bash -eo pipefail), expressions replaced by a word. */
const workflowScripts = Object.values(WORKFLOW_FILES).flatMap((file) =>
  Object.entries(parseWorkflow(readRepoFile(file)).jobs).flatMap(([job, { steps = [] }]) =>
    steps
      .filter((step) => step.run)
      .map((step) => ({
        where: `${file} ${job}: ${step.name ?? step.run?.split('\n')[0]}`,
        script: `#!/usr/bin/env bash\nset -eo pipefail\n${(step.run ?? '').replace(/\$\{\{[^}]*\}\}/g, 'EXPR')}\n`,
      })),
  ),
);

describe('deploy shell scripts', () => {
  it('include the backup, restore, smoke and release scripts', () => {
    for (const name of ['backup.sh', 'restore.sh', 'smoke.sh', 'k8s-release.sh'])
      expect(scripts).toContain(`deploy/scripts/${name}`);
  });

  it.each(scripts)('%s passes shellcheck', (script) => {
    const run = spawnSync('shellcheck', ['--severity=style', '--shell=bash', repoPath(script)], { encoding: 'utf8' });
    if (run.error) throw new Error(SHELLCHECK_MISSING);
    expect(run.stdout + run.stderr, script).toBe('');
    expect(run.status).toBe(0);
  });

  it.each(workflowScripts.map((w) => [w.where, w.script]))('%s passes shellcheck', (_where, script) => {
    const run = spawnSync('shellcheck', ['--severity=style', '--shell=bash', '-'], { input: script, encoding: 'utf8' });
    if (run.error) throw new Error(SHELLCHECK_MISSING);
    expect(run.stdout + run.stderr).toBe('');
  });

  it('shellcheck finds a real mistake (the check is not a no-op)', () => {
    const run = spawnSync('shellcheck', ['--shell=bash', '-'], { input: 'rm -rf $dir/*\n', encoding: 'utf8' });
    if (run.error) throw new Error(SHELLCHECK_MISSING);
    expect(run.status).not.toBe(0);
    expect(run.stdout).toContain('SC2115');
  });

  it.each(scripts.filter((s) => s.startsWith('deploy/scripts/')))('%s answers --help with its usage', (script) => {
    const run = spawnSync('bash', [repoPath(script), '--help'], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Usage: /);
  });

  it('backup.sh and restore.sh run from a copy elsewhere that takes lib/ along, and name lib/ when it is missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'marketlens-scripts-'));
    try {
      for (const script of ['backup.sh', 'restore.sh']) cpSync(repoPath('deploy/scripts', script), join(dir, script));
      const alone = spawnSync('bash', ['backup.sh', '--help'], { cwd: dir, encoding: 'utf8' });
      expect(alone.status).toBe(2);
      expect(alone.stderr).toContain('lib/common.sh is missing: copy deploy/scripts/lib/ along with this script');

      cpSync(repoPath('deploy/scripts/lib'), join(dir, 'lib'), { recursive: true });
      for (const script of ['backup.sh', 'restore.sh']) {
        // Run from another folder: the scripts find lib/ next to themselves, not in the working directory.
        const run = spawnSync('bash', [join(dir, script), '--no-such-option'], { cwd: tmpdir(), encoding: 'utf8' });
        expect(run.status, run.stderr).toBe(2);
        expect(run.stderr).toMatch(
          new RegExp(`^${script.replace('.sh', '')}: ERROR: unknown (argument|option): `, 'm'),
        );
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
