import type { Ignore } from '@balena/dockerignore';
import { existsSync } from 'node:fs';
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
  type DockerStage,
  type ParsedDockerfile,
} from './docker-file';
import { repoPath } from './repo';

// Rules every MarketLens image must keep. Each function returns the broken rules in words (empty = all hold),
// so a test can show both that the real Dockerfiles pass and that a broken copy is caught.

export interface ImageExpectations {
  /** The port the container serves on (and EXPOSEs). */
  port: number;
  /** The path its HEALTHCHECK probes. */
  healthPath: string;
}

const OCI_LABELS = ['title', 'description', 'version', 'revision', 'created', 'source'].map(
  (l) => `org.opencontainers.image.${l}`,
);

export function commonImageViolations(parsed: ParsedDockerfile, expected: ImageExpectations, ignore: Ignore): string[] {
  const problems = parsed.syntaxErrors.map((e) => `does not parse: ${e}`);
  const final = finalStage(parsed);
  if (!final) return [...problems, 'has no FROM'];
  if (parsed.stages.length < 2) problems.push('is not multi-stage: build tools must stay out of the final image');

  const stageNames = new Set(parsed.stages.map((s) => s.name).filter((n) => n !== null));
  for (const stage of parsed.stages) {
    if (stageNames.has(stage.image)) continue;
    const tag = /:([^/@]+)$/.exec(stage.image)?.[1];
    if (!tag || tag === 'latest') problems.push(`base image ${stage.image} has no fixed tag`);
  }

  const user = userOf(final);
  if (user === null) problems.push('final stage sets no USER: it would run as the base image user (often root)');
  else if (['root', '0'].includes(user.split(':')[0] ?? '')) problems.push(`final stage runs as root (USER ${user})`);

  problems.push(...healthcheckViolations(final, expected));
  if (!exposedPorts(final).includes(String(expected.port)))
    problems.push(`final stage does not EXPOSE ${expected.port}`);

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

function healthcheckViolations(final: DockerStage, expected: ImageExpectations): string[] {
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
