import type { Ignore } from '@balena/dockerignore';
import { cpSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { contextFiles, loadDockerignore } from './docker-context';
import {
  copyInstructions,
  envOf,
  execForm,
  finalStage,
  instructionsOf,
  runCommands,
  workdirOf,
  type CopyInstruction,
  type DockerStage,
  type ParsedDockerfile,
} from './docker-file';
import { cleanEnv, runToExit } from './process';
import { repoPath } from './repo';

// Replays a Dockerfile's file layout on this machine without a Docker engine: each stage the final stage copies
// from gets its context COPYs and its RUN commands (the same `npm ci`), then the final stage gets its COPYs.
// Only what the final stage copies ends up in its folder, so a missing COPY shows up as a failing start.

export interface MaterializedImage {
  /** The final stage's WORKDIR on this machine. */
  appDir: string;
  /** The final stage's ENV. */
  env: Record<string, string>;
  /** ENTRYPOINT and CMD with the image's paths mapped to this machine. */
  entrypoint: string[];
  cmd: string[];
  /** The HEALTHCHECK command, paths mapped the same way. */
  healthcheck: string[];
  /** The RUN commands that were executed, by stage. */
  ran: { stage: string; command: string; output: string }[];
}

export async function materializeImage(parsed: ParsedDockerfile, root: string): Promise<MaterializedImage> {
  const final = finalStage(parsed);
  if (!final) throw new Error('Dockerfile has no stage');
  const ignore = loadDockerignore();
  const ran: MaterializedImage['ran'] = [];
  const stageDirs = new Map<string, { dir: string; workdir: string }>();

  for (const name of new Set(copyInstructions(final).flatMap((c) => (c.from ? [c.from] : [])))) {
    const stage = parsed.stages.find((s) => s.name === name);
    if (!stage) throw new Error(`COPY --from=${name}: no such stage`);
    const dir = join(root, 'stages', name);
    const workdir = workdirOf(stage);
    for (const copy of copyInstructions(stage)) {
      if (copy.from !== null) throw new Error(`stage ${name}: nested COPY --from is not emulated`);
      copyFromContext(copy, ignore, resolveIn(dir, workdir, copy.dest));
    }
    for (const command of runCommands(stage)) {
      const result = await runToExit('sh', ['-c', command], { cwd: dir, env: cleanEnv() });
      ran.push({ stage: name, command, output: result.output });
      if (result.code !== 0)
        throw new Error(`stage ${name}: "${command}" exited with ${result.code}:\n${result.output}`);
    }
    stageDirs.set(name, { dir, workdir });
  }

  const workdir = workdirOf(final);
  const appDir = join(root, 'image');
  for (const copy of copyInstructions(final)) {
    const dest = resolveIn(appDir, workdir, copy.dest);
    if (copy.from === null) copyFromContext(copy, ignore, dest);
    else copyFromStage(copy, stageDirs.get(copy.from)!, dest);
  }

  const mapPath = (arg: string) => (arg.startsWith(`${workdir}/`) ? join(appDir, arg.slice(workdir.length)) : arg);
  const exec = (stage: DockerStage, keyword: string) => {
    const instruction = instructionsOf(stage, keyword).at(-1);
    return (instruction ? execForm(instruction) : null) ?? [];
  };
  return {
    appDir,
    env: envOf(final),
    entrypoint: exec(final, 'ENTRYPOINT').map(mapPath),
    cmd: exec(final, 'CMD').map(mapPath),
    healthcheck: exec(final, 'HEALTHCHECK').map(mapPath),
    ran,
  };
}

/** Where a destination path lands: absolute paths must sit under the stage's WORKDIR (the only folder emulated). */
function resolveIn(dir: string, workdir: string, dest: string): { path: string; isDir: boolean } {
  const isDir = dest.endsWith('/') || dest === '.';
  const absolute = posix.isAbsolute(dest) ? posix.normalize(dest) : posix.join(workdir, dest);
  if (absolute !== workdir && !absolute.startsWith(`${workdir}/`)) {
    throw new Error(`COPY destination ${dest} is outside WORKDIR ${workdir}; not emulated`);
  }
  return { path: join(dir, absolute.slice(workdir.length)), isDir };
}

/** Docker's COPY rules: a folder's contents go into the destination; files keep their names in a folder dest. */
function copyFromContext(copy: CopyInstruction, ignore: Ignore, dest: { path: string; isDir: boolean }): void {
  for (const source of copy.sources) {
    const sourceIsDir = statSync(repoPath(source)).isDirectory();
    for (const file of contextFiles(source, ignore)) {
      const inside = sourceIsDir ? posix.relative(posix.normalize(source), file) : posix.basename(file);
      const target = sourceIsDir || dest.isDir || copy.sources.length > 1 ? join(dest.path, inside) : dest.path;
      mkdirSync(dirname(target), { recursive: true });
      cpSync(repoPath(file), target);
    }
  }
}

function copyFromStage(copy: CopyInstruction, stage: { dir: string; workdir: string }, dest: { path: string }): void {
  for (const source of copy.sources) {
    const from = resolveIn(stage.dir, stage.workdir, source).path;
    mkdirSync(dirname(dest.path), { recursive: true });
    // verbatimSymlinks keeps npm's relative workspace links (node_modules/@marketlens/quant -> ../../packages/quant).
    cpSync(from, dest.path, { recursive: true, verbatimSymlinks: true });
  }
}
