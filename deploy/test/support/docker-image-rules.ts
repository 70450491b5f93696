import type { Ignore } from '@balena/dockerignore';
import { existsSync } from 'node:fs';
import { posix } from 'node:path';
import { contextFiles } from './docker-context';
import {
  copyInstructions,
  envOf,
  execForm,
  exposedPorts,
  finalStage,
  instructionsOf,
  labelsOf,
  runCommands,
  userOf,
  workdirOf,
  type DockerStage,
  type ParsedDockerfile,
} from './docker-file';
import { repoPath } from './repo';

// Rules every MarketLens image must keep. Each function returns the broken rules in words (empty = all hold),
// so a test can show both that the real Dockerfiles pass and that a broken copy is caught.

/**
 * What kind of image it is. A service (server, web) runs until stopped: built in stages, probed by a HEALTHCHECK
 * on the port it EXPOSEs. A one-shot (backup) runs a task and exits: its exit code is the result, so it has no
 * HEALTHCHECK and no port, and a single stage is fine when nothing is built.
 */
export type ImageExpectations =
  | {
      kind: 'service';
      /** The port the container serves on (and EXPOSEs). */
      port: number;
      /** The path its HEALTHCHECK probes. */
      healthPath: string;
    }
  | { kind: 'one-shot' };

const OCI_LABELS = ['title', 'description', 'version', 'revision', 'created', 'source'].map(
  (l) => `org.opencontainers.image.${l}`,
);

export function commonImageViolations(parsed: ParsedDockerfile, expected: ImageExpectations, ignore: Ignore): string[] {
  const problems = parsed.syntaxErrors.map((e) => `does not parse: ${e}`);
  const final = finalStage(parsed);
  if (!final) return [...problems, 'has no FROM'];
  if (expected.kind === 'service' && parsed.stages.length < 2) {
    problems.push('is not multi-stage: build tools must stay out of the final image');
  }

  const stageNames = new Set(parsed.stages.map((s) => s.name).filter((n) => n !== null));
  for (const stage of parsed.stages) {
    if (stageNames.has(stage.image)) continue;
    const tag = /:([^/@]+)$/.exec(stage.image)?.[1];
    if (!tag || tag === 'latest') problems.push(`base image ${stage.image} has no fixed tag`);
  }

  const user = userOf(final);
  if (user === null) problems.push('final stage sets no USER: it would run as the base image user (often root)');
  else if (['root', '0'].includes(user.split(':')[0] ?? '')) problems.push(`final stage runs as root (USER ${user})`);

  if (expected.kind === 'service') {
    problems.push(...healthcheckViolations(final, expected));
    if (!exposedPorts(final).includes(String(expected.port)))
      problems.push(`final stage does not EXPOSE ${expected.port}`);
  } else {
    // A probe of a container that exits when done would only ever report "starting" or "unhealthy".
    if (instructionsOf(final, 'HEALTHCHECK').length > 0) problems.push('a one-shot image has a HEALTHCHECK');
    const ports = exposedPorts(final);
    if (ports.length > 0) problems.push(`a one-shot image EXPOSEs ${ports.join(', ')}: it serves nothing`);
  }

  for (const keyword of ['CMD', 'ENTRYPOINT']) {
    for (const instruction of instructionsOf(final, keyword)) {
      if (!execForm(instruction)) problems.push(`${keyword} is in shell form: signals would not reach the process`);
    }
  }

  const labels = labelsOf(final);
  for (const label of OCI_LABELS) if (!(label in labels)) problems.push(`missing OCI label ${label}`);

  problems.push(...contextCopyViolations(parsed, ignore));
  return problems;
}

function healthcheckViolations(
  final: DockerStage,
  expected: Extract<ImageExpectations, { kind: 'service' }>,
): string[] {
  const healthchecks = instructionsOf(final, 'HEALTHCHECK');
  if (healthchecks.length === 0) return ['final stage has no HEALTHCHECK'];
  const command = execForm(healthchecks.at(-1)!);
  if (!command) return ['HEALTHCHECK is not an exec-form CMD'];
  const text = command.join(' ');
  const problems: string[] = [];
  if (!text.includes('127.0.0.1')) problems.push('HEALTHCHECK does not probe 127.0.0.1');
  const ports = [...text.matchAll(/\b(\d{4,5})\b/g)].map((m) => Number(m[1]));
  if (!ports.includes(expected.port) || ports.some((p) => p !== expected.port)) {
    problems.push(`HEALTHCHECK probes port(s) ${ports.join(', ') || 'none'}, not ${expected.port}`);
  }
  const escaped = expected.healthPath.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  if (!new RegExp(`${escaped}(?![\\w/-])`).test(text)) {
    problems.push(`HEALTHCHECK does not probe ${expected.healthPath}`);
  }
  return problems;
}

/** Every COPY from the build context names something that exists and that .dockerignore leaves in. */
function contextCopyViolations(parsed: ParsedDockerfile, ignore: Ignore): string[] {
  const problems: string[] = [];
  for (const stage of parsed.stages) {
    for (const copy of copyInstructions(stage)) {
      if (copy.from !== null) continue;
      for (const source of copy.sources) {
        if (!existsSync(repoPath(source))) problems.push(`line ${copy.line}: COPY source ${source} does not exist`);
        else if (contextFiles(source, ignore).length === 0) {
          problems.push(`line ${copy.line}: COPY source ${source} is excluded by .dockerignore`);
        }
      }
    }
  }
  return problems;
}

/** The server image: production dependencies only, one entrypoint for every role, nothing of the web app. */
export function serverImageViolations(parsed: ParsedDockerfile): string[] {
  const final = finalStage(parsed);
  if (!final) return ['has no FROM'];
  const problems: string[] = [];

  const installs = parsed.stages.flatMap((s) => runCommands(s).filter((c) => /\bnpm (ci|install)\b/.test(c)));
  if (installs.length === 0) problems.push('never runs npm ci');
  for (const install of installs) {
    if (!/\bnpm ci\b/.test(install)) problems.push(`installs with "${install}" instead of npm ci (the lock)`);
    if (!install.includes('--omit=dev')) problems.push(`"${install}" installs dev dependencies (no --omit=dev)`);
  }

  const env = envOf(final);
  if (env.MARKETLENS_SERVER__HOST !== '0.0.0.0') problems.push('MARKETLENS_SERVER__HOST is not 0.0.0.0');
  if (env.PORT !== '8080') problems.push('PORT is not 8080');

  const entrypoint = instructionsOf(final, 'ENTRYPOINT').at(-1);
  const entry = entrypoint ? execForm(entrypoint) : null;
  if (!entry || entry[0] !== 'node' || !entry[1]?.endsWith('apps/server/bin/marketlens.mjs')) {
    problems.push('ENTRYPOINT is not node apps/server/bin/marketlens.mjs');
  }
  const cmd = instructionsOf(final, 'CMD').at(-1);
  if (JSON.stringify(cmd ? execForm(cmd) : null) !== JSON.stringify(['serve', '--role', 'api'])) {
    problems.push('default CMD is not serve --role api');
  }

  for (const stage of parsed.stages) {
    for (const copy of copyInstructions(stage)) {
      if (copy.sources.some((s) => s.startsWith('apps/web'))) problems.push(`line ${copy.line}: copies the web app`);
    }
    if (runCommands(stage).some((c) => /\bnpm run build\b/.test(c))) problems.push('builds the web app');
  }
  return problems;
}

/** The web image: built in a Node stage with VITE_API_BASE_URL, served by unprivileged nginx from templates. */
export function webImageViolations(parsed: ParsedDockerfile): string[] {
  const final = finalStage(parsed);
  if (!final) return ['has no FROM'];
  const problems: string[] = [];
  const build = parsed.stages.find((s) =>
    runCommands(s).some((c) => /npm run build (-w|--workspace) apps\/web/.test(c)),
  );
  if (!build) problems.push('never runs npm run build -w apps/web');
  else {
    const declaresArg = instructionsOf(build, 'ARG').some((a) =>
      a.getArguments()[0]?.getValue().startsWith('VITE_API_BASE_URL'),
    );
    const passesArg = runCommands(build).some((c) => c.includes('VITE_API_BASE_URL') && c.includes('npm run build'));
    if (!declaresArg || !passesArg) problems.push('the build does not take ARG VITE_API_BASE_URL');
  }
  if (!final.image.startsWith('nginxinc/nginx-unprivileged:')) problems.push('final stage is not nginx-unprivileged');
  const templates = copyInstructions(final).filter((c) => c.dest.startsWith('/etc/nginx/templates/'));
  if (!templates.some((c) => c.sources.includes('deploy/docker/nginx.conf'))) {
    problems.push('deploy/docker/nginx.conf is not installed as an envsubst template');
  }
  const cmd = instructionsOf(final, 'CMD').at(-1);
  if (cmd && execForm(cmd)?.[0] !== 'nginx') {
    problems.push('CMD does not start with "nginx": the base entrypoint would skip rendering the templates');
  }
  return problems;
}

/** pg_dump must be the server's major version or newer; MarketLens runs on PostgreSQL 15 and 16. */
export const NEWEST_SERVER_MAJOR = 16;

/**
 * The backup image: the official postgres image (pg_dump >= the newest supported server), curl and CA
 * certificates for the S3 upload, backup.sh with the lib/ it sources beside it as the exec-form ENTRYPOINT,
 * BACKUP_DIR owned by a numeric non-root user.
 */
export function backupImageViolations(parsed: ParsedDockerfile): string[] {
  const final = finalStage(parsed);
  if (!final) return ['has no FROM'];
  const problems: string[] = [];

  const base = /^postgres:(\d+)(?:[.-][\w.-]*)?$/.exec(final.image);
  if (!base) problems.push(`base image ${final.image} is not the official postgres image`);
  else if (Number(base[1]) < NEWEST_SERVER_MAJOR) {
    problems.push(`pg_dump ${base[1]} cannot dump a PostgreSQL ${NEWEST_SERVER_MAJOR} server`);
  }

  const installs = runCommands(final).filter((c) => /\bapt-get install\b/.test(c));
  const installed = installs.join(' ');
  for (const pkg of ['curl', 'ca-certificates']) {
    if (!new RegExp(`(^|\\s)${pkg}(\\s|$)`).test(installed)) problems.push(`does not install ${pkg} (S3 upload)`);
  }
  for (const install of installs) {
    if (!install.includes('--no-install-recommends')) problems.push('apt-get install pulls recommended packages');
    if (!/rm -rf \/var\/lib\/apt\/lists/.test(install)) problems.push('leaves the apt lists in the image');
  }

  const user = userOf(final) ?? '';
  const [uid = '', gid] = user.split(':');
  if (!/^\d+$/.test(uid) || (gid !== undefined && !/^\d+$/.test(gid))) {
    problems.push(`USER ${user || '(none)'} is not numeric: Kubernetes runAsNonRoot cannot verify a name`);
  }

  const entrypoint = instructionsOf(final, 'ENTRYPOINT').at(-1);
  const entry = entrypoint ? execForm(entrypoint) : null;
  const script = entry?.[0] ?? '';
  if (!script.endsWith('/backup.sh')) problems.push('ENTRYPOINT is not backup.sh');
  else {
    const folder = posix.dirname(script);
    const workdir = workdirOf(final);
    // Docker's COPY: a file into a folder destination (trailing /) keeps its name; a folder's contents go into
    // the destination itself.
    const landed = (source: string, name: string, isFolder: boolean) =>
      copyInstructions(final).some((c) => {
        if (c.from !== null || !c.sources.includes(source)) return false;
        const dest = posix.isAbsolute(c.dest) ? c.dest : posix.join(workdir, c.dest);
        const path = !isFolder && c.dest.endsWith('/') ? posix.join(dest, name) : dest;
        return posix.normalize(path).replace(/\/$/, '') === posix.join(folder, name);
      });
    if (!landed('deploy/scripts/backup.sh', 'backup.sh', false)) {
      problems.push(`${script} is not deploy/scripts/backup.sh`);
    }
    if (!landed('deploy/scripts/lib', 'lib', true)) {
      problems.push(`deploy/scripts/lib is not copied to ${folder}/lib, where backup.sh sources it`);
    }
  }

  const backupDir = envOf(final).BACKUP_DIR;
  if (!backupDir) problems.push('ENV BACKUP_DIR is not set');
  else if (!runCommands(final).some((c) => c.includes(`chown ${uid}`) && c.includes(backupDir))) {
    problems.push(`${backupDir} (BACKUP_DIR) is not owned by the runtime user ${uid}`);
  }
  return problems;
}
