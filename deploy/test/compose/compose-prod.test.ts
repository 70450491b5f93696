import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupLoop, backupServiceViolations, IMAGE_SCRIPT } from '../support/compose-backup';
import {
  bindSources,
  dependsOn,
  environmentOf,
  envFileKeys,
  InterpolationError,
  loadCompose,
  publishedPorts,
  type ComposeFile,
  type Json,
} from '../support/compose-file';
import {
  composeViolations,
  envFiles,
  isServerService,
  mutatedCopy,
  type MutableServices,
} from '../support/compose-rules';
import { nginxTemplates } from '../support/nginx-config';
import { spawnLogged, waitFor } from '../support/process';
import { REPO_ROOT, readRepoFile, repoPath, SECRET_ENV_VARS } from '../support/repo';

const PROD = 'deploy/compose.prod.yaml';
/** Operator files that hold secrets: git-ignored, never in the repository, shipped as *.example. */
const isSecretPath = (path: string) => /^deploy\/(env|tls)(\/|$)/.test(path);
/** An env file is checked through its committed example (the real one exists only on the host). */
const readExample = (path: string) => readFileSync(`${path}.example`, 'utf8');

const violations = (file: ComposeFile): string[] => [
  ...composeViolations(file, { envFileText: readExample, isSecretPath }),
  ...productionViolations(file),
  ...backupServiceViolations(file, readExample),
];

/** What production adds: no dev tools, nothing but the web entry points published, restarts, limits. */
function productionViolations(file: ComposeFile): string[] {
  const problems: string[] = [];
  for (const [name, service] of Object.entries(file.model.services)) {
    if (/mailpit|minio/.test(name) || /mailpit|minio/.test(String(service.image)))
      problems.push(`${name} is a dev tool`);
    const ports = publishedPorts(service);
    if (name !== 'web' && ports.some((p) => p.ip !== '127.0.0.1')) problems.push(`${name} is published publicly`);
    if (/postgres|redis|prometheus|alertmanager/.test(name) && ports.length > 0) problems.push(`${name} is published`);
    if (!service.restart) problems.push(`${name} has no restart policy`);
    const limits = ((service.deploy as Record<string, Json> | undefined)?.resources as Record<string, Json> | undefined)
      ?.limits as Record<string, Json> | undefined;
    if (service.restart !== 'no' && (!limits?.memory || !limits.cpus)) problems.push(`${name} has no resource limits`);
    const env = environmentOf(service);
    const written = SECRET_ENV_VARS.filter((s) => s in env);
    if (written.length > 0) problems.push(`${name} writes ${written.join(', ')} in the file instead of an env file`);
  }
  return problems;
}

const gitIgnores = (path: string): boolean => {
  try {
    execFileSync('git', ['check-ignore', '-q', '--no-index', path], { cwd: REPO_ROOT });
    return true;
  } catch {
    return false;
  }
};

describe('deploy/compose.prod.yaml', () => {
  const prod = loadCompose(PROD, { MARKETLENS_TAG: '1.4.0' });
  const services = prod.model.services;

  it('validates against the compose-spec schema and keeps every rule', () => {
    expect(violations(prod)).toEqual([]);
  });

  it('refuses to start without an image tag, saying which variable to set', () => {
    expect(() => loadCompose(PROD)).toThrow(InterpolationError);
    expect(() => loadCompose(PROD)).toThrow(/MARKETLENS_TAG/);
    expect(services.api!.image).toBe('marketlens/server:1.4.0');
  });

  it('runs no development tools and publishes only the web entry points (and Grafana on the loopback)', () => {
    expect(Object.keys(services).sort()).toEqual(
      [
        'alertmanager',
        'api',
        'backup',
        'bot',
        'engine',
        'grafana',
        'migrate',
        'postgres',
        'prometheus',
        'redis',
        'scheduler',
        'web',
        'worker',
      ].sort(),
    );
    const published = Object.fromEntries(
      Object.entries(services)
        .filter(([, s]) => publishedPorts(s).length > 0)
        .map(([name, s]) => [name, publishedPorts(s)]),
    );
    expect(published).toEqual({
      web: [
        { ip: '', published: '80', target: '8080' },
        { ip: '', published: '443', target: '8443' },
      ],
      grafana: [{ ip: '127.0.0.1', published: '3000', target: '3000' }],
    });
  });

  it('runs the engine role once the database is healthy and migrated and Redis answers', () => {
    expect(dependsOn(services.engine!)).toEqual({
      postgres: 'service_healthy',
      migrate: 'service_completed_successfully',
      redis: 'service_healthy',
    });
    expect(services.engine!.command).toEqual(['serve', '--role', 'engine']);
  });

  it('reads secrets from git-ignored env files that have committed examples', () => {
    const files = [...new Set(Object.values(services).flatMap((s) => envFiles(s)))];
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const path = relative(REPO_ROOT, resolve(prod.dir, file));
      expect(existsSync(repoPath(`${path}.example`)), `${path}.example is committed`).toBe(true);
      expect(gitIgnores(path), `${path} must be git-ignored (.gitignore)`).toBe(true);
    }
    for (const path of ['deploy/env/alertmanager/smtp-password', 'deploy/tls/tls.key']) {
      expect(gitIgnores(path), `${path} must be git-ignored (.gitignore)`).toBe(true);
    }
    const example = readRepoFile('deploy/env/server.env.example');
    for (const secret of SECRET_ENV_VARS.filter(
      (s) => !s.startsWith('MARKETLENS_DATABASE__') && !s.startsWith('MARKETLENS_REDIS__'),
    )) {
      const value = new RegExp(`^${secret}=(.*)$`, 'm').exec(example)?.[1] ?? '';
      expect(value, `${secret} in the example is a placeholder, not a secret`).toMatch(/<[^>]+>/);
    }
  });

  it('serves the app over TLS with the mounted certificate, from a template the web image renders', () => {
    const web = services.web!;
    const command = web.command as string[];
    expect(command[0], 'the image entrypoint renders templates only for "nginx"').toBe('nginx');
    const config = command[command.indexOf('-c') + 1]!;
    expect(nginxTemplates().map((t) => `/tmp/${t.output}`)).toContain(config);
    expect(config).toMatch(/nginx-tls\.conf$/);
    expect(bindSources(web).map((b) => b.target)).toEqual(['/etc/nginx/tls']);
  });

  // Each mutation breaks one production rule on a copy of the real model.
  const mutations: [string, (s: MutableServices) => void, RegExp][] = [
    ['a published database', (s) => (s.postgres!.ports = ['5432:5432']), /postgres is published/],
    ['mailpit', (s) => (s.mailpit = { image: 'axllent/mailpit:v1.22.3', restart: 'always' }), /mailpit is a dev tool/],
    [
      'a secret written in the file',
      (s) => ((s.api!.environment as Record<string, Json>).MARKETLENS_AUTH__JWT_SECRET = 'x'.repeat(40)),
      /api writes MARKETLENS_AUTH__JWT_SECRET/,
    ],
    ['no restart policy', (s) => delete s.redis!.restart, /redis has no restart policy/],
    ['no resource limits', (s) => delete s.scheduler!.deploy, /scheduler has no resource limits/],
    ['no backup service', (s) => delete s.backup, /no backup service/],
    [
      'a daily backup',
      (s) => ((s.backup!.environment as Record<string, Json>).BACKUP_INTERVAL_SECONDS = '86400'),
      /backup runs every 86400 s, not at least every 3600 s/,
    ],
    ['a single backup run', (s) => delete s.backup!.entrypoint, /backup does not loop over/],
    [
      'backups in the container',
      (s) => (s.backup!.volumes = []),
      /backup keeps BACKUP_DIR \/backups off a named volume/,
    ],
    [
      'backups without the database',
      (s) => (s.backup!.env_file = ['./env/redis.env']),
      /backup does not get DATABASE_URL/,
    ],
    ['a backup that stays down', (s) => delete s.backup!.restart, /backup has no restart policy/],
    ['a backup without limits', (s) => delete s.backup!.deploy, /backup has no resource limits/],
    ['a writable backup container', (s) => delete s.backup!.read_only, /backup has a writable root filesystem/],
    [
      'an env file without the server variables',
      (s) => (s.worker!.env_file = ['./env/postgres.env']),
      /worker does not set DATABASE_URL/,
    ],
  ];

  it.each(mutations)('rejects a copy with %s', (_name, mutate, expected) => {
    expect(violations(mutatedCopy(prod, mutate)).join('\n')).toMatch(expected);
  });

  it('keeps backing up after a failed run, waiting the rest of the interval between runs', async () => {
    // The service's own loop (as compose hands it to bash, $$ already unescaped) with two stand-ins: backup.sh
    // records each run and fails the first, sleep records how long it was asked to wait and returns at once.
    const loop = backupLoop(services.backup!);
    expect(loop, 'the backup service runs a bash loop').not.toBeNull();
    const dir = mkdtempSync(join(tmpdir(), 'marketlens-backup-loop-'));
    const runs = join(dir, 'runs');
    const sleeps = join(dir, 'sleeps');
    const script = (path: string, body: string) => {
      writeFileSync(path, `#!/usr/bin/env bash\n${body}\n`);
      chmodSync(path, 0o755);
    };
    script(join(dir, 'backup.sh'), `echo run >> ${runs}; [ "$(wc -l < ${runs})" -gt 1 ]`);
    script(join(dir, 'sleep'), `echo "$1" >> ${sleeps}`);
    const env = environmentOf(services.backup!);
    const proc = spawnLogged('bash', ['-c', loop!.replaceAll(IMAGE_SCRIPT, join(dir, 'backup.sh'))], {
      env: { PATH: `${dir}:${process.env.PATH}`, BACKUP_INTERVAL_SECONDS: env.BACKUP_INTERVAL_SECONDS },
    });
    try {
      const lines = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n') : []);
      await waitFor('three backup runs', async () => (lines(runs).length >= 3 ? true : undefined), { process: proc });
      expect(proc.output()).toMatch(/backup: this run failed \(exit 1\); the next one is on schedule/);
      const waits = lines(sleeps).map(Number);
      expect(waits.length).toBeGreaterThanOrEqual(2);
      for (const wait of waits) {
        expect(wait).toBeGreaterThan(0);
        expect(wait).toBeLessThanOrEqual(Number(env.BACKUP_INTERVAL_SECONDS));
      }
    } finally {
      await proc.stop();
      // A stand-in started by the loop just before the stop may still be appending to its file: retry.
      rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    }
  });

  it('names every server variable exactly once between compose.prod.yaml and server.env.example', () => {
    const fromFile = envFileKeys(readRepoFile('deploy/env/server.env.example'));
    expect(new Set(fromFile).size, 'no variable twice in the example').toBe(fromFile.length);
    for (const [name, service] of Object.entries(services).filter(([, s]) => isServerService(s))) {
      expect(envFiles(service), name).toEqual(['./env/server.env']);
    }
  });
});
