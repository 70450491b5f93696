import { describe, expect, it } from 'vitest';
import { contextFiles, loadDockerignore } from '../support/docker-context';
import { parseDockerfile } from '../support/docker-file';
import {
  backupImageViolations,
  commonImageViolations,
  serverImageViolations,
  webImageViolations,
  type ImageExpectations,
} from '../support/docker-image-rules';
import { readRepoFile } from '../support/repo';

const SERVER = 'deploy/docker/server.Dockerfile';
const WEB = 'deploy/docker/web.Dockerfile';
const BACKUP = 'deploy/docker/backup.Dockerfile';
const serverExpectations: ImageExpectations = { kind: 'service', port: 8080, healthPath: '/healthz' };
const webExpectations: ImageExpectations = { kind: 'service', port: 8080, healthPath: '/nginx-health' };
const backupExpectations: ImageExpectations = { kind: 'one-shot' };

const serverText = readRepoFile(SERVER);
const webText = readRepoFile(WEB);
const backupText = readRepoFile(BACKUP);
const ignore = loadDockerignore();

const serverProblems = (text: string) => [
  ...commonImageViolations(parseDockerfile(text), serverExpectations, ignore),
  ...serverImageViolations(parseDockerfile(text)),
];
const webProblems = (text: string) => [
  ...commonImageViolations(parseDockerfile(text), webExpectations, ignore),
  ...webImageViolations(parseDockerfile(text)),
];
const backupProblems = (text: string) => [
  ...commonImageViolations(parseDockerfile(text), backupExpectations, ignore),
  ...backupImageViolations(parseDockerfile(text)),
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

describe('backup.Dockerfile', () => {
  it('parses and keeps every one-shot rule: postgres 16 tools, curl, backup.sh with its lib/, numeric non-root', () => {
    expect(backupProblems(backupText)).toEqual([]);
  });

  it('holds the service rules only for services: a single stage without HEALTHCHECK or EXPOSE is a broken service', () => {
    const asService = commonImageViolations(parseDockerfile(backupText), serverExpectations, ignore).join('\n');
    expect(asService).toMatch(/not multi-stage/);
    expect(asService).toMatch(/no HEALTHCHECK/);
    expect(asService).toMatch(/does not EXPOSE 8080/);
  });

  it.each([
    ['no USER', /^USER .*$/m, '', /sets no USER/],
    ['USER root', /^USER .*$/m, 'USER 0:0', /runs as root/],
    ['a user name instead of a uid', /^USER .*$/m, 'USER postgres', /not numeric/],
    ['pg_dump 15', 'FROM postgres:16-bookworm', 'FROM postgres:15-bookworm', /pg_dump 15 cannot dump a PostgreSQL 16/],
    ['an untagged base image', 'FROM postgres:16-bookworm', 'FROM postgres', /no fixed tag/],
    ['another base image', 'FROM postgres:16-bookworm', 'FROM debian:bookworm-slim', /not the official postgres/],
    ['no curl', ' curl ca-certificates', ' ca-certificates', /does not install curl/],
    ['no CA certificates', ' curl ca-certificates', ' curl', /does not install ca-certificates/],
    ['recommended packages', ' --no-install-recommends', '', /recommended packages/],
    ['the apt lists kept', /\n && rm -rf \/var\/lib\/apt\/lists\/\*/, '', /apt lists/],
    ['no lib/', /^COPY deploy\/scripts\/lib .*$/m, '', /deploy\/scripts\/lib is not copied/],
    ['lib/ in another folder', 'COPY deploy/scripts/lib ./lib/', 'COPY deploy/scripts/lib /opt/lib/', /lib is not/],
    ['a COPY of a missing path', 'COPY deploy/scripts/lib ', 'COPY deploy/scripts/libs ', /libs does not exist/],
    [
      'a COPY of an ignored path',
      'COPY deploy/scripts/backup.sh deploy/scripts/restore.sh ./',
      'COPY deploy/scripts/backup.sh deploy/scripts/smoke.sh ./',
      /smoke\.sh is excluded by \.dockerignore/,
    ],
    ['another ENTRYPOINT', '["/opt/marketlens/backup.sh"]', '["/opt/marketlens/restore.sh"]', /not backup\.sh/],
    [
      'backup.sh left out',
      'COPY deploy/scripts/backup.sh deploy/scripts/restore.sh ./',
      'COPY deploy/scripts/restore.sh ./',
      /\/opt\/marketlens\/backup\.sh is not deploy\/scripts\/backup\.sh/,
    ],
    ['a shell-form ENTRYPOINT', /^ENTRYPOINT .*$/m, 'ENTRYPOINT /opt/marketlens/backup.sh', /shell form/],
    ['a HEALTHCHECK', /^ENTRYPOINT/m, 'HEALTHCHECK CMD ["true"]\nENTRYPOINT', /one-shot image has a HEALTHCHECK/],
    ['a port', /^ENTRYPOINT/m, 'EXPOSE 8080\nENTRYPOINT', /one-shot image EXPOSEs 8080/],
    ['no BACKUP_DIR', /^ENV BACKUP_DIR=.*$/m, '', /BACKUP_DIR is not set/],
    ['BACKUP_DIR owned by root', ' && chown 999:999 /backups', '', /not owned by the runtime user 999/],
    ['no OCI labels', /^LABEL[\s\S]*?\n\n/m, '\n', /missing OCI label/],
    ['a syntax error', /^USER .*$/m, 'USER 999:999\nCOPPY x y', /does not parse/],
  ])('rejects a copy with %s', (_name, from, to, expected) => {
    expect(backupProblems(broken(backupText, from, to)).join('\n'), 'the broken copy must be caught').toMatch(expected);
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
      'deploy/scripts/backup.sh',
      'deploy/scripts/restore.sh',
      'deploy/scripts/lib/common.sh',
    ]) {
      expect(ignore.ignores(path), `${path} is needed by a COPY`).toBe(false);
    }
    const shipped = contextFiles('apps/server/src', ignore);
    expect(shipped).toContain('apps/server/src/app.ts');
    expect(shipped.filter((f) => f.endsWith('.test.ts'))).toEqual([]);
  });

  it('lets only backup.sh, restore.sh and the lib/ they source out of deploy/scripts', () => {
    expect(contextFiles('deploy/scripts', ignore)).toEqual([
      'deploy/scripts/backup.sh',
      'deploy/scripts/lib/common.sh',
      'deploy/scripts/restore.sh',
    ]);
  });
});
