import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  dependsOn,
  environmentOf,
  envFileKeys,
  loadCompose,
  publishedPorts,
  type ComposeFile,
  type Json,
} from '../support/compose-file';
import { composeViolations, isServerService, mutatedCopy, type MutableServices } from '../support/compose-rules';
import { readRepoFile } from '../support/repo';

const COMPOSE = 'compose.yaml';

/** Every rule at once, as the tests below apply them to the real file and to broken copies. */
const violations = (file: ComposeFile): string[] =>
  composeViolations(file, { envFileText: (path) => readFileSync(path, 'utf8'), isSecretPath: () => false });

describe('compose.yaml (local parity)', () => {
  // A fresh clone: no .env, so every ${...} takes its default.
  const fresh = loadCompose(COMPOSE);
  const services = fresh.model.services;

  it('validates against the compose-spec schema and keeps every rule', () => {
    expect(violations(fresh)).toEqual([]);
  });

  it('runs the agreed services: data stores, one-shot migrate, the five roles, web, monitoring, dev tools', () => {
    expect(Object.keys(services).sort()).toEqual(
      [
        'postgres',
        'redis',
        'migrate',
        'api',
        'worker',
        'scheduler',
        'engine',
        'bot',
        'web',
        'prometheus',
        'alertmanager',
        'grafana',
        'minio',
        'minio-init',
        'mailpit',
      ].sort(),
    );
    const roles = Object.entries(services)
      .filter(([, s]) => isServerService(s))
      .map(([name, s]) => [name, s.command]);
    expect(Object.fromEntries(roles)).toEqual({
      migrate: ['migrate'],
      api: ['serve', '--role', 'api'],
      worker: ['serve', '--role', 'worker'],
      scheduler: ['serve', '--role', 'scheduler'],
      engine: ['serve', '--role', 'engine'],
      bot: ['serve', '--role', 'bot'],
    });
  });

  it('starts the engine and the bot once the database is healthy and migrated and Redis answers', () => {
    for (const role of ['engine', 'bot']) {
      expect(dependsOn(services[role]!), role).toEqual({
        postgres: 'service_healthy',
        migrate: 'service_completed_successfully',
        redis: 'service_healthy',
      });
    }
  });

  it('points the server at the compose services, even when .env is a copy of .env.example', () => {
    const envExample = Object.fromEntries(
      readRepoFile('.env.example')
        .split('\n')
        .flatMap((line) => (/^[A-Z0-9_]+=/.test(line) ? [line.split(/=(.*)/s).slice(0, 2) as [string, string]] : [])),
    );
    for (const file of [fresh, loadCompose(COMPOSE, envExample)]) {
      const env = environmentOf(file.model.services.api!);
      expect(new URL(env.DATABASE_URL!).host).toBe('postgres:5432');
      expect(new URL(env.REDIS_URL!).host).toBe('redis:6379');
      expect(env.MARKETLENS_SERVER__HOST).toBe('0.0.0.0');
      expect(env.MARKETLENS_S3__ENDPOINT).toBe('http://minio:9000');
      expect(env.MARKETLENS_AUTH__JWT_SECRET!.length, 'the server needs >= 32 characters').toBeGreaterThanOrEqual(32);
    }
    const own = loadCompose(COMPOSE, { MARKETLENS_AUTH__JWT_SECRET: 'x'.repeat(40), MARKETLENS_LOG__LEVEL: 'debug' });
    expect(environmentOf(own.model.services.worker!)).toMatchObject({
      MARKETLENS_AUTH__JWT_SECRET: 'x'.repeat(40),
      MARKETLENS_LOG__LEVEL: 'debug',
    });
  });

  it('publishes ports on the loopback only, since the development JWT secret is public', () => {
    const open = Object.entries(services).flatMap(([name, s]) =>
      publishedPorts(s)
        .filter((p) => p.ip !== '127.0.0.1')
        .map((p) => `${name} ${p.published}`),
    );
    expect(open).toEqual([]);
    expect(publishedPorts(services.web!)).toEqual([{ ip: '127.0.0.1', published: '8080', target: '8080' }]);
  });

  it('mounts the monitoring configuration where Prometheus, Alertmanager and Grafana read it', () => {
    const mounts = (name: string) => (services[name]!.volumes as string[]).filter((v) => v.startsWith('./'));
    expect(mounts('prometheus')).toEqual([
      './deploy/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro',
      './deploy/prometheus/rules:/etc/prometheus/rules:ro',
    ]);
    expect(mounts('alertmanager')).toEqual([
      './deploy/alertmanager/alertmanager.yml:/etc/alertmanager/alertmanager.yml:ro',
      './deploy/alertmanager/templates:/etc/alertmanager/templates:ro',
    ]);
    expect(mounts('grafana')).toEqual([
      './deploy/grafana/provisioning:/etc/grafana/provisioning:ro',
      './deploy/grafana/dashboards:/var/lib/grafana/dashboards:ro',
    ]);
  });

  it('gives Prometheus and Grafana targets that are services of this file', () => {
    const prometheus = parse(readRepoFile('deploy/prometheus/prometheus.yml')) as {
      scrape_configs: {
        static_configs?: { targets: string[] }[];
        dns_sd_configs?: { names: string[]; port: number }[];
      }[];
      alerting: { alertmanagers: { static_configs: { targets: string[] }[] }[] };
    };
    const targets = [
      ...prometheus.scrape_configs.flatMap((c) => c.static_configs ?? []),
      ...prometheus.alerting.alertmanagers.flatMap((a) => a.static_configs),
    ].flatMap((c) => c.targets);
    // DNS discovery names compose services; each resolves to every replica of that service.
    for (const sd of prometheus.scrape_configs.flatMap((c) => c.dns_sd_configs ?? [])) {
      targets.push(...sd.names.map((name) => `${name}:${sd.port}`));
    }
    const grafana = parse(readRepoFile('deploy/grafana/provisioning/datasources/prometheus.yml')) as {
      datasources: { url: string }[];
    };
    targets.push(...grafana.datasources.map((d) => new URL(d.url).host));
    const unknown = targets.filter((t) => {
      const [host, port] = t.split(':');
      if (host === 'localhost') return false;
      const service = services[host!];
      return !service || (isServerService(service) && port !== '8080');
    });
    expect(unknown).toEqual([]);
    expect(targets).toEqual(expect.arrayContaining(['api:8080', 'worker:8080', 'scheduler:8080', 'engine:8080']));
  });

  // Each mutation breaks one rule on a copy of the real model; the rules must notice.
  const mutations: [string, (s: MutableServices) => void, RegExp][] = [
    [
      'a dependency on a missing service',
      (s) => ((s.api!.depends_on as Record<string, Json>).ghost = { condition: 'service_started' }),
      /ghost, which is not a service/,
    ],
    ['ports of the wrong type', (s) => (s.web!.ports = 8080), /schema: \/services\/web\/ports/],
    [
      'a healthcheck interval as a number',
      (s) => ((s.redis!.healthcheck as Record<string, Json>).interval = 5),
      /schema: \/services\/redis\/healthcheck\/interval/,
    ],
    ['an unknown service key', (s) => (s.api!.restart_policy = 'always'), /schema: \/services\/api .*restart_policy/],
    [
      'waiting for a service without healthcheck',
      (s) => (s.grafana!.depends_on = { mailpit: { condition: 'service_healthy' } }),
      /mailpit has no healthcheck/,
    ],
    [
      'waiting for a long-running service to complete',
      (s) => (s.web!.depends_on = { api: { condition: 'service_completed_successfully' } }),
      /api restarts/,
    ],
    [
      'a dependency cycle',
      (s) => (s.redis!.depends_on = { api: { condition: 'service_started' } }),
      /dependency cycle/,
    ],
    [
      'a server variable left out',
      (s) => delete (s.worker!.environment as Record<string, Json>).MARKETLENS_JOBS__CONCURRENCY,
      /worker does not set MARKETLENS_JOBS__CONCURRENCY/,
    ],
    [
      'the server bound to localhost',
      (s) => ((s.api!.environment as Record<string, Json>).MARKETLENS_SERVER__HOST = '127.0.0.1'),
      /binds 127\.0\.0\.1/,
    ],
    [
      'a server probed on another path',
      (s) => (s.worker!.healthcheck = { test: ['CMD', 'node', '-e', "fetch('http://127.0.0.1:8080/health')"] }),
      /worker is not health-checked/,
    ],
    [
      'a missing mounted file',
      (s) =>
        ((s.prometheus!.volumes as string[])[0] = './deploy/prometheus/gone.yml:/etc/prometheus/prometheus.yml:ro'),
      /gone\.yml, which does not exist/,
    ],
    [
      'an undeclared volume',
      (s) => ((s.redis!.volumes as string[])[0] = 'cache-data:/data'),
      /volume cache-data, which is not declared/,
    ],
    ['capabilities kept', (s) => delete s.mailpit!.cap_drop, /mailpit keeps capabilities/],
    ['a writable server root', (s) => (s.scheduler!.read_only = false), /scheduler has a writable root/],
  ];

  it.each(mutations)('rejects a copy with %s', (_name, mutate, expected) => {
    expect(violations(mutatedCopy(fresh, mutate)).join('\n')).toMatch(expected);
  });

  it('lists the same variables in .env.example that the server services get (the list the tests check against)', () => {
    expect(Object.keys(environmentOf(services.api!)).sort()).toEqual(envFileKeys(readRepoFile('.env.example')).sort());
  });
});
