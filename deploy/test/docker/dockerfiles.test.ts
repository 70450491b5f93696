import { describe, expect, it } from 'vitest';
import { contextFiles, loadDockerignore } from '../support/docker-context';
import { parseDockerfile } from '../support/docker-file';
import {
  commonImageViolations,
  serverImageViolations,
  webImageViolations,
  type ImageExpectations,
} from '../support/docker-image-rules';
import { readRepoFile } from '../support/repo';

const SERVER = 'deploy/docker/server.Dockerfile';
const WEB = 'deploy/docker/web.Dockerfile';
const serverExpectations: ImageExpectations = { port: 8080, healthPath: '/healthz' };
const webExpectations: ImageExpectations = { port: 8080, healthPath: '/nginx-health' };

const serverText = readRepoFile(SERVER);
const webText = readRepoFile(WEB);
const ignore = loadDockerignore();

const serverProblems = (text: string) => [
  ...commonImageViolations(parseDockerfile(text), serverExpectations, ignore),
  ...serverImageViolations(parseDockerfile(text)),
];
const webProblems = (text: string) => [
  ...commonImageViolations(parseDockerfile(text), webExpectations, ignore),
  ...webImageViolations(parseDockerfile(text)),
];

/** Replaces one exact piece of the real file, failing loudly when the piece is gone (the test would be void). */
function broken(text: string, from: string | RegExp, to: string): string {
  const next = text.replace(from, to);
  if (next === text) throw new Error(`the mutation ${String(from)} no longer applies to the Dockerfile`);
  return next;
}

describe('server.Dockerfile', () => {
  it('parses and keeps every image rule: multi-stage, non-root, /healthz on 8080, prod-only npm ci', () => {
    expect(serverProblems(serverText)).toEqual([]);
  });

  it.each([
    ['no USER', /^USER .*$/m, '', /sets no USER/],
    ['USER root', /^USER .*$/m, 'USER root', /runs as root/],
    ['a single stage', /^FROM node:20-bookworm-slim AS deps[\s\S]*?^FROM /m, 'FROM ', /not multi-stage/],
    ['the healthcheck on another path', "+'/healthz'", "+'/health'", /does not probe \/healthz/],
    ['the healthcheck on another port', 'PORT||8080', 'PORT||3000', /probes port\(s\) 3000/],
    ['no HEALTHCHECK', /^HEALTHCHECK[\s\S]*?\n(?=\n)/m, '', /no HEALTHCHECK/],
    ['another EXPOSE', 'EXPOSE 8080', 'EXPOSE 3000', /does not EXPOSE 8080/],
    ['dev dependencies', ' --omit=dev', '', /installs dev dependencies/],
    ['npm install instead of npm ci', 'npm ci --omit=dev', 'npm install --omit=dev', /instead of npm ci/],
    ['a COPY of a missing path', 'COPY apps/server/bin ', 'COPY apps/server/binaries ', /binaries does not exist/],
    ['a COPY of an ignored path', 'COPY apps/server/bin ', 'COPY apps/server/test ', /excluded by \.dockerignore/],
    ['an untagged base image', 'FROM node:20-bookworm-slim AS runtime', 'FROM node AS runtime', /no fixed tag/],
    ['the server bound to localhost', 'MARKETLENS_SERVER__HOST=0.0.0.0', 'MARKETLENS_SERVER__HOST=127.0.0.1', /HOST/],
    ['another default role', '"--role", "api"]', '"--role", "all"]', /serve --role api/],
    ['a shell-form CMD', /^CMD \[.*\]$/m, 'CMD serve --role api', /shell form/],
    ['the web build inside', /^COPY apps\/server\/src .*$/m, 'COPY apps/web apps/web', /copies the web app/],
    ['no OCI labels', /^LABEL[\s\S]*?\n\n/m, '\n', /missing OCI label/],
    ['a syntax error', /^EXPOSE 8080$/m, 'EXPOSE 8080\nCOPPY x y', /does not parse/],
  ])('rejects a copy with %s', (_name, from, to, expected) => {
    const problems = serverProblems(broken(serverText, from, to));
    expect(problems.join('\n'), 'the broken copy must be caught').toMatch(expected);
  });
});

describe('web.Dockerfile', () => {
  it('parses and keeps every image rule: vite build stage, unprivileged nginx on 8080, templates installed', () => {
    expect(webProblems(webText)).toEqual([]);
  });

  it.each([
    ['no USER', /^USER .*$/m, '', /sets no USER/],
    ['the probe on another path', '/nginx-health"]', '/"]', /does not probe \/nginx-health/],
    ['no VITE_API_BASE_URL build argument', /^ARG VITE_API_BASE_URL=$/m, '', /VITE_API_BASE_URL/],
    ['a root nginx base', 'nginxinc/nginx-unprivileged:1.28-alpine', 'nginx:1.28-alpine', /nginx-unprivileged/],
    ['no template', /^COPY deploy\/docker\/nginx\.conf .*$/m, '', /nginx\.conf is not installed/],
    ['a CMD the entrypoint does not render for', '["nginx", "-c"', '["/usr/sbin/nginx", "-c"', /rendering/],
  ])('rejects a copy with %s', (_name, from, to, expected) => {
    expect(webProblems(broken(webText, from, to)).join('\n')).toMatch(expected);
  });
});

describe('.dockerignore', () => {
  it('keeps secrets, local data, installed modules and tests out of the build context', () => {
    for (const path of [
      '.env',
      '.env.production',
      'config/local.json',
      '.marketlens/jwt-secret',
      'deploy/env/server.env',
      'deploy/tls/tls.key',
      'node_modules/fastify/package.json',
      'apps/web/node_modules/vite/package.json',
      'apps/web/dist/index.html',
      'apps/server/src/app.test.ts',
      'bench/.peers/x',
      '.git/HEAD',
      'test-output/e2e/x.png',
    ]) {
      expect(ignore.ignores(path), `${path} must not reach the build context`).toBe(true);
    }
  });

  it('leaves in what the images copy, and the copied source folders hold no test files', () => {
    for (const path of [
      'package-lock.json',
      'config/default.json',
      'apps/server/src/app.ts',
      'deploy/docker/nginx.conf',
    ]) {
      expect(ignore.ignores(path), `${path} is needed by a COPY`).toBe(false);
    }
    const shipped = contextFiles('apps/server/src', ignore);
    expect(shipped).toContain('apps/server/src/app.ts');
    expect(shipped.filter((f) => f.endsWith('.test.ts'))).toEqual([]);
  });
});
