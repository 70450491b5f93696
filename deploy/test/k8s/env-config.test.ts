import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../apps/server/src/config/load-config';
import { build, DEPLOYABLE, KUSTOMIZATION_NAMES, type KustomizationName } from '../support/k8s-build';
import { envProblems, keysOf, SECRET_NAME, secretTemplateKeys, serverConfig } from '../support/k8s-env-checks';
import { containersOf, named, ofKind, ref, serverWorkloads, type K8sObject } from '../support/k8s-objects';
import { databaseConnections, poolSizeOf } from '../support/k8s-workload-checks';
import { isSecretEnvVar, readRepoFile, SECRET_ENV_VARS, serverEnvVarNames } from '../support/repo';

const sources = { externalSecrets: { [SECRET_NAME]: secretTemplateKeys() } };
const nonSecretVars = () => serverEnvVarNames().filter((n) => !isSecretEnvVar(n));

/** The server's own config loader over a ConfigMap (+ secrets), with only the repository's defaults file. */
const configDir = mkdtempSync(join(tmpdir(), 'marketlens-k8s-config-'));
writeFileSync(join(configDir, 'default.json'), readRepoFile('config/default.json'));
afterAll(() => rmSync(configDir, { recursive: true, force: true }));

const secretsOf = (objects: K8sObject[]): Record<string, string> => {
  const secret = ofKind(objects, 'Secret').find((o) => o.metadata.name === SECRET_NAME);
  if (!secret) {
    // Staging/prod: stand-ins with the shape the real Secret must have.
    return {
      DATABASE_URL: 'postgres://marketlens:x@db.internal:5432/marketlens',
      REDIS_URL: 'rediss://:x@cache.internal:6380',
      MARKETLENS_AUTH__JWT_SECRET: 'x'.repeat(48),
      MARKETLENS_S3__ACCESS_KEY_ID: 'AKIAEXAMPLE',
      MARKETLENS_S3__SECRET_ACCESS_KEY: 'example',
    };
  }
  return decoded(secret);
};

const bytes = (nginxSize: string): number => {
  const match = /^(\d+)([kmg]?)$/i.exec(nginxSize);
  if (!match) throw new Error(`not an nginx size: ${nginxSize}`);
  const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[match[2]?.toLowerCase() ?? ''] ?? 1;
  return Number(match[1]) * unit;
};

const decoded = (secret: K8sObject): Record<string, string> =>
  Object.fromEntries(
    Object.entries((secret.data ?? {}) as Record<string, string>).map(([k, v]) => [
      k,
      Buffer.from(v, 'base64').toString(),
    ]),
  );

describe('server configuration in Kubernetes', () => {
  it.each(KUSTOMIZATION_NAMES)(
    'gives every server container of %s every variable, secrets only from the Secret',
    (name) => {
      expect(envProblems(build(name), serverEnvVarNames(), sources)).toEqual([]);
    },
  );

  it('notices a variable that no container receives, and a secret in the ConfigMap', () => {
    const objects = build('prod');
    const config = ofKind(objects, 'ConfigMap')[0] as K8sObject;
    const data = config.data as Record<string, string>;
    delete data.MARKETLENS_LOG__LEVEL;
    data.MARKETLENS_AUTH__JWT_SECRET = 'oops';
    const problems = envProblems(objects, serverEnvVarNames(), sources).join('\n');
    expect(problems).toMatch(/not given MARKETLENS_LOG__LEVEL/);
    expect(problems).toMatch(/holds the secret MARKETLENS_AUTH__JWT_SECRET/);
  });

  it('keeps the Secret template to exactly the secret variables of .env.example', () => {
    expect(secretTemplateKeys().sort()).toEqual([...SECRET_ENV_VARS].sort());
    for (const key of SECRET_ENV_VARS) expect(serverEnvVarNames(), `${key} is a real setting`).toContain(key);
  });

  it.each(KUSTOMIZATION_NAMES)('puts exactly the non-secret variables in the ConfigMap of %s', (name) => {
    // Exactly: a misspelt key (MARKETLENS_SERVER_HOST) would silently leave the real setting at its default.
    expect(Object.keys(serverConfig(build(name))).sort()).toEqual(nonSecretVars().sort());
  });

  it('never renders the Secret in staging or production, so an apply cannot overwrite the real one', () => {
    for (const name of DEPLOYABLE.filter((n) => n !== 'dev')) {
      expect(
        ofKind(build(name), 'Secret').map((o) => o.metadata.name),
        name,
      ).not.toContain(SECRET_NAME);
    }
    expect(keysOf(named(build('dev'), 'Secret', SECRET_NAME)).sort(), 'dev generates the template keys').toEqual(
      secretTemplateKeys().sort(),
    );
  });

  it.each(DEPLOYABLE)('is accepted by the server config schema in %s', (name: KustomizationName) => {
    const objects = build(name);
    const env = { ...serverConfig(objects), ...secretsOf(objects) } as NodeJS.ProcessEnv;
    const config = loadConfig({ env, configDir });
    expect(config.server.host, 'a container must listen on every interface').toBe('0.0.0.0');
    expect(config.server.port).toBe(8080);
    expect(config.server.trustProxy, 'behind the ingress controller').toBe(true);
    expect(config.server.serveWeb, 'the web pods serve the SPA').toBe(false);
    expect(config.storage.backend, 'api and worker pods share artifacts').toBe('s3');
    expect(config.database.url, 'distributed mode').not.toBe('');
    expect(config.redis.url).not.toBe('');
    // A container's own values (the engine's pool size) override the ConfigMap, and must pass the schema too.
    for (const workload of serverWorkloads(objects)) {
      const own = containersOf(workload)
        .flatMap((c) => c.env ?? [])
        .filter((e) => e.value !== undefined);
      if (own.length === 0) continue;
      const overridden = { ...env, ...Object.fromEntries(own.map((e) => [e.name, e.value])) } as NodeJS.ProcessEnv;
      expect(() => loadConfig({ env: overridden, configDir }), ref(workload)).not.toThrow();
    }
  });

  it("points dev's URLs and keys at its in-cluster services, with their credentials", () => {
    const objects = build('dev');
    const app = decoded(named(objects, 'Secret', SECRET_NAME));
    const infra = decoded(
      objects.find((o) => o.kind === 'Secret' && o.metadata.name.startsWith('marketlens-dev-infra'))!,
    );
    const services = objects.filter((o) => o.kind === 'Service').map((o) => o.metadata.name);
    const database = new URL(app.DATABASE_URL ?? '');
    expect(services).toContain(database.hostname);
    expect(database.password).toBe(infra.POSTGRES_PASSWORD);
    expect(services).toContain(new URL(app.REDIS_URL ?? '').hostname);
    const config = serverConfig(objects);
    expect(services).toContain(new URL(config.MARKETLENS_S3__ENDPOINT ?? '').hostname);
    expect([app.MARKETLENS_S3__ACCESS_KEY_ID, app.MARKETLENS_S3__SECRET_ACCESS_KEY]).toEqual([
      infra.MINIO_ROOT_USER,
      infra.MINIO_ROOT_PASSWORD,
    ]);
    const bucketJob = JSON.stringify(named(objects, 'Job', 'marketlens-minio-bucket').spec);
    expect(bucketJob, 'the bucket the server writes to is created').toContain(
      `mc mb --ignore-existing dev/${config.MARKETLENS_S3__BUCKET}`,
    );
  });

  it('finds the config folder where the server image puts it', () => {
    const workdir = [...readRepoFile('deploy/docker/server.Dockerfile').matchAll(/^WORKDIR\s+(\S+)/gm)].at(-1)?.[1];
    for (const name of KUSTOMIZATION_NAMES) {
      expect(serverConfig(build(name)).MARKETLENS_CONFIG_DIR, name).toBe(`${workdir}/config`);
    }
  });

  it.each(DEPLOYABLE)('lets the ingress of %s pass uploads as large as the API accepts', (name) => {
    const objects = build(name);
    const size = named(objects, 'Ingress', 'marketlens').metadata.annotations?.[
      'nginx.ingress.kubernetes.io/proxy-body-size'
    ];
    expect(bytes(size ?? '1m')).toBeGreaterThanOrEqual(
      Number(serverConfig(objects).MARKETLENS_HTTP__UPLOAD_LIMIT_BYTES),
    );
  });

  it('allows browser origins per environment: its own host, localhost only in dev, never *', () => {
    for (const name of DEPLOYABLE) {
      const objects = build(name);
      const origins = serverConfig(objects).MARKETLENS_HTTP__CORS_ORIGINS?.split(',') ?? [];
      const host = named(objects, 'Ingress', 'marketlens').spec as { rules: { host: string }[] };
      expect(origins, name).toContain(`https://${host.rules[0]?.host}`);
      expect(origins, name).not.toContain('*');
      const local = origins.filter((o) => o.includes('localhost'));
      expect(local.length > 0, `${name}: localhost origins`).toBe(name === 'dev');
    }
  });
});

// Budgets of the PostgreSQL each environment uses (README.md): dev's in-cluster default, the managed ones.
const CONNECTION_BUDGET = { dev: 100, staging: 100, prod: 200 } as const;

describe('database connections', () => {
  const pool = (objects: K8sObject[]) => Number(serverConfig(objects).MARKETLENS_DATABASE__POOL_MAX);

  it.each(Object.keys(CONNECTION_BUDGET) as (keyof typeof CONNECTION_BUDGET)[])(
    'keeps every pod of %s at full scale inside the PostgreSQL connection budget',
    (name) => {
      const objects = build(name);
      expect(databaseConnections(objects, pool(objects))).toBeLessThanOrEqual(CONNECTION_BUDGET[name]);
    },
  );

  it('stays inside the production budget with both blue/green colours or a canary running', () => {
    const blue = build('prod-blue');
    // During a blue/green release the idle colour's API runs next to everything of the live one.
    const green = build('prod-green').filter((o) => o.metadata.labels?.['marketlens.io/color'] === 'green');
    expect(databaseConnections(blue, pool(blue)) + databaseConnections(green, pool(blue))).toBeLessThanOrEqual(
      CONNECTION_BUDGET.prod,
    );
    const prod = build('prod');
    const canary = build('prod-canary').filter((o) => o.metadata.name === 'marketlens-api-canary');
    expect(databaseConnections(prod, pool(prod)) + databaseConnections(canary, pool(prod))).toBeLessThanOrEqual(
      CONNECTION_BUDGET.prod,
    );
  });

  it('counts a larger pool against the budget', () => {
    const objects = build('prod');
    expect(databaseConnections(objects, 10)).toBeGreaterThan(CONNECTION_BUDGET.prod);
  });

  it("counts the engine's own pool size, not the ConfigMap's", () => {
    const objects = build('prod');
    const engine = named(objects, 'Deployment', 'marketlens-engine');
    expect(poolSizeOf(engine, pool(objects))).toBeLessThan(pool(objects));
    const withoutOwn: K8sObject[] = structuredClone(objects);
    const container = containersOf(named(withoutOwn, 'Deployment', 'marketlens-engine'))[0]!;
    container.env = (container.env ?? []).filter((e) => e.name !== 'MARKETLENS_DATABASE__POOL_MAX');
    expect(databaseConnections(withoutOwn, pool(objects))).toBeGreaterThan(databaseConnections(objects, pool(objects)));
  });
});
