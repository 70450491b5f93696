import { existsSync } from 'node:fs';
import { isSecretEnvVar, repoPath, serverEnvVarNames } from './repo';
import type { RenderHeader, RenderRoute } from './cicd-static-routes';

// What makes render.yaml deployable beyond its shape: every reference resolves, every path exists, every
// variable is one the server reads, secrets are never literal, and the roles are the server's roles.

export interface EnvVar {
  key?: string;
  value?: string | number | boolean;
  sync?: false;
  generateValue?: true;
  fromGroup?: string;
  fromDatabase?: { name: string; property: string };
  fromService?: { type: string; name: string; property?: string };
}
export interface Service {
  type: string;
  name: string;
  runtime?: string;
  dockerfilePath?: string;
  dockerContext?: string;
  dockerCommand?: string;
  preDeployCommand?: string;
  healthCheckPath?: string;
  numInstances?: number;
  staticPublishPath?: string;
  buildCommand?: string;
  maxmemoryPolicy?: string;
  envVars?: EnvVar[];
  routes?: RenderRoute[];
  headers?: RenderHeader[];
}
export interface Blueprint {
  services: Service[];
  databases?: { name: string }[];
  envVarGroups?: { name: string; envVars: EnvVar[] }[];
}

/** Read by Node or Render's build, not by MarketLens. */
const PLATFORM_VARS = ['NODE_ENV', 'NODE_VERSION'];
const ROLES = ['api', 'worker', 'scheduler', 'engine', 'bot'];

const clean = (path: string) => path.replace(/^\.\//, '').replace(/\/$/, '') || '.';

/** The variables a service ends up with: its own plus those of the groups it attaches. */
export function effectiveEnv(bp: Blueprint, service: Service): EnvVar[] {
  return (service.envVars ?? []).flatMap((v) =>
    v.fromGroup ? (bp.envVarGroups?.find((g) => g.name === v.fromGroup)?.envVars ?? []) : [v],
  );
}

export function blueprintWiringProblems(bp: Blueprint): string[] {
  const problems: string[] = [];
  const known = new Set(serverEnvVarNames());
  const databases = new Set((bp.databases ?? []).map((d) => d.name));
  const groups = new Set((bp.envVarGroups ?? []).map((g) => g.name));
  const allVars = [
    ...(bp.envVarGroups ?? []).flatMap((g) => g.envVars),
    ...bp.services.flatMap((s) => s.envVars ?? []),
  ];

  for (const v of allVars) {
    if (v.key && !known.has(v.key) && !PLATFORM_VARS.includes(v.key))
      problems.push(`${v.key} is not a variable the server reads`);
    if (v.key && isSecretEnvVar(v.key) && v.value !== undefined)
      problems.push(`${v.key} is a secret but has a literal value`);
    if (v.fromGroup && !groups.has(v.fromGroup)) problems.push(`fromGroup ${v.fromGroup} names no envVarGroup`);
    if (v.fromDatabase && !databases.has(v.fromDatabase.name))
      problems.push(`fromDatabase ${v.fromDatabase.name} names no database`);
    const from = v.fromService;
    if (from && !bp.services.some((s) => s.name === from.name && s.type === from.type)) {
      problems.push(`fromService ${from.type} ${from.name} names no such service`);
    }
  }

  const roles: string[] = [];
  for (const s of bp.services) {
    if (s.runtime === 'docker') {
      const file = clean(s.dockerfilePath ?? './Dockerfile');
      if (!existsSync(repoPath(file))) problems.push(`${s.name}: ${file} does not exist`);
      if (clean(s.dockerContext ?? '.') !== '.')
        problems.push(`${s.name}: the image is built from the repository root`);
      const role = /^serve --role (\S+)$/.exec(s.dockerCommand ?? '')?.[1];
      if (!role || !ROLES.includes(role))
        problems.push(`${s.name}: dockerCommand "${s.dockerCommand}" is not serve --role ${ROLES.join('|')}`);
      else roles.push(role);
      const env = effectiveEnv(bp, s);
      for (const key of ['DATABASE_URL', 'REDIS_URL', 'MARKETLENS_AUTH__JWT_SECRET', 'MARKETLENS_SERVER__HOST']) {
        if (!env.some((v) => v.key === key)) problems.push(`${s.name}: ${key} is not set`);
      }
      if (!env.some((v) => v.key === 'DATABASE_URL' && v.fromDatabase?.property === 'connectionString')) {
        problems.push(`${s.name}: DATABASE_URL does not come from the Render database`);
      }
      if (!env.some((v) => v.key === 'REDIS_URL' && v.fromService?.type === 'keyvalue')) {
        problems.push(`${s.name}: REDIS_URL does not come from the Key Value instance`);
      }
      if (env.some((v) => v.key === 'MARKETLENS_STORAGE__BACKEND' && v.value === 's3')) {
        for (const key of [
          'MARKETLENS_S3__BUCKET',
          'MARKETLENS_S3__ACCESS_KEY_ID',
          'MARKETLENS_S3__SECRET_ACCESS_KEY',
        ]) {
          if (!env.some((v) => v.key === key && v.sync === false))
            problems.push(`${s.name}: ${key} is not asked for on sync`);
        }
      }
    }
    if (s.runtime === 'static' && !existsSync(repoPath(clean(s.staticPublishPath ?? ''), '..'))) {
      problems.push(`${s.name}: the folder holding ${s.staticPublishPath} does not exist`);
    }
    if (s.type === 'keyvalue' && s.maxmemoryPolicy !== 'noeviction')
      problems.push(`${s.name}: BullMQ needs maxmemoryPolicy noeviction`);
  }
  if ([...roles].sort().join() !== [...ROLES].sort().join())
    problems.push(`roles ${roles.join(', ')} instead of one each of ${ROLES.join(', ')}`);
  const api = bp.services.find((s) => s.dockerCommand === 'serve --role api');
  if (api?.type !== 'web' || api.healthCheckPath !== '/readyz')
    problems.push('the api is not a web service checked at /readyz');
  if (!/\bmarketlens\.mjs migrate$/.test(api?.preDeployCommand ?? ''))
    problems.push('the api does not migrate before each deploy');
  const scheduler = bp.services.find((s) => s.dockerCommand === 'serve --role scheduler');
  if (scheduler && (scheduler.type !== 'worker' || scheduler.numInstances !== 1))
    problems.push('the scheduler is not exactly one background worker');
  // Telegram serves one long poll per bot token: a second bot instance would cut the first off (409 Conflict).
  const bot = bp.services.find((s) => s.dockerCommand === 'serve --role bot');
  if (bot && (bot.type !== 'worker' || bot.numInstances !== 1))
    problems.push('the bot is not exactly one background worker');
  for (const role of ['worker', 'engine']) {
    const service = bp.services.find((s) => s.dockerCommand === `serve --role ${role}`);
    if (service && service.type !== 'worker') problems.push(`the ${role} is not a background worker`);
  }
  return problems;
}
