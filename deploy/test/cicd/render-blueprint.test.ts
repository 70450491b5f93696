import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { readRepoFile } from '../support/repo';
import { mutate } from '../support/cicd-workflows';
import { blueprintSchemaProblems } from '../support/cicd-render-blueprint';
import { blueprintWiringProblems, type Blueprint } from '../support/cicd-render-wiring';
import { renderAnswer } from '../support/cicd-static-routes';

const text = readRepoFile('render.yaml');
const blueprint = parse(text) as Blueprint;
const problems = (t: string) => {
  const bp = parse(t) as Blueprint;
  return [...blueprintSchemaProblems(bp), ...blueprintWiringProblems(bp)];
};

describe('render.yaml (Render Blueprint)', () => {
  it('uses only documented Blueprint fields and values', () => {
    expect(blueprintSchemaProblems(blueprint)).toEqual([]);
  });

  it('wires every server role from the server image to the Render database, Key Value and env group', () => {
    expect(blueprintWiringProblems(blueprint)).toEqual([]);
  });

  it.each([
    [
      'a misspelt field',
      (t: string) => mutate(t, 'healthCheckPath: /readyz', 'healthCheck: /readyz'),
      '/services/0 must NOT have additional properties: healthCheck',
    ],
    [
      'an unknown deploy trigger',
      (t: string) => mutate(t, 'autoDeployTrigger: checksPass', 'autoDeployTrigger: onCommit'),
      '/services/0/autoDeployTrigger must be equal to one of the allowed values',
    ],
    [
      'a secret asked for in an env group',
      (t: string) => mutate(t, 'generateValue: true', 'sync: false'),
      '/envVarGroups/0/envVars/7 must NOT have additional properties: sync',
    ],
    [
      'an LRU Key Value',
      (t: string) => mutate(t, 'maxmemoryPolicy: noeviction', 'maxmemoryPolicy: allkeys-lru'),
      'marketlens-redis: BullMQ needs maxmemoryPolicy noeviction',
    ],
    [
      'a wrong database reference',
      (t: string) => mutate(t, 'name: marketlens-db\n          property', 'name: marketlens-pg\n          property'),
      'fromDatabase marketlens-pg names no database',
    ],
    [
      'a missing Dockerfile',
      (t: string) => mutate(t, 'dockerfilePath: ./deploy/docker/server.Dockerfile', 'dockerfilePath: ./Dockerfile'),
      'marketlens-api: Dockerfile does not exist',
    ],
    [
      'a role the server lacks',
      (t: string) => mutate(t, 'serve --role scheduler', 'serve --role ghost'),
      'marketlens-scheduler: dockerCommand "serve --role ghost" is not serve --role api|worker|scheduler|engine|bot',
    ],
    [
      'a literal secret',
      (t: string) => mutate(t, 'generateValue: true', "value: 'not-secret-at-all-but-32-chars-long'"),
      'MARKETLENS_AUTH__JWT_SECRET is a secret but has a literal value',
    ],
    [
      'a variable the server ignores',
      (t: string) => mutate(t, 'key: MARKETLENS_LOG__LEVEL', 'key: MARKETLENS_LOGLEVEL'),
      'MARKETLENS_LOGLEVEL is not a variable the server reads',
    ],
    [
      'two schedulers',
      (t: string) => mutate(t, 'numInstances: 1', 'numInstances: 2'),
      'the scheduler is not exactly one background worker',
    ],
    [
      'two bots',
      (t: string) =>
        mutate(
          t,
          'numInstances: 1\n    dockerfilePath: ./deploy/docker/server.Dockerfile\n    dockerContext: .\n    dockerCommand: serve --role bot',
          'numInstances: 2\n    dockerfilePath: ./deploy/docker/server.Dockerfile\n    dockerContext: .\n    dockerCommand: serve --role bot',
        ),
      'the bot is not exactly one background worker',
    ],
  ])('rejects a copy with %s', (_what, change, problem) => {
    expect(problems(change(text))).toContain(problem);
  });

  describe('the web static site', () => {
    const web = blueprint.services.find((s) => s.runtime === 'static');
    const files = new Set(['/index.html', '/assets/index-3f2a1c.js']);
    const answer = (path: string) => renderAnswer(web?.routes ?? [], web?.headers ?? [], path, files);

    it('publishes the Vite build of apps/web', () => {
      expect(web?.staticPublishPath).toBe('./apps/web/dist');
      expect(web?.buildCommand).toBe('npm ci && npm run build -w apps/web');
      expect(readRepoFile('apps/web/vite.config.ts')).toMatch(/outDir: 'dist'/);
    });

    it('proxies /api to the api service and serves the SPA for every other path', () => {
      const api = blueprint.services.find((s) => s.dockerCommand === 'serve --role api');
      expect(answer('/api/v1/auth/login')).toMatchObject({
        status: 'proxy',
        proxy: `https://${api?.name}.onrender.com/api/v1/auth/login`,
      });
      expect(answer('/regimes/SPY')).toMatchObject({ status: 200, file: '/index.html' });
      expect(answer('/assets/index-3f2a1c.js')).toMatchObject({ status: 200, file: '/assets/index-3f2a1c.js' });
    });

    it('caches hashed assets for a year and sends the security headers everywhere', () => {
      expect(answer('/assets/index-3f2a1c.js').headers['Cache-Control']).toBe('public, max-age=31536000, immutable');
      expect(answer('/regimes').headers['Cache-Control']).toBeUndefined();
      for (const path of ['/', '/regimes', '/assets/index-3f2a1c.js']) {
        const headers = answer(path).headers;
        expect(headers['X-Content-Type-Options'], path).toBe('nosniff');
        expect(headers['X-Frame-Options'], path).toBe('DENY');
        expect(headers['Content-Security-Policy'], path).toContain("frame-ancestors 'none'");
      }
    });
  });
});
