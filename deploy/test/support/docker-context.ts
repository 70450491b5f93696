import ignore, { type Ignore } from '@balena/dockerignore';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { posix } from 'node:path';
import { readRepoFile, repoPath } from './repo';

/**
 * The build context both images are built from: the repository root filtered by .dockerignore, with Docker's
 * own matching rules (@balena/dockerignore is the port Docker's Node clients use).
 */
export function loadDockerignore(text = readRepoFile('.dockerignore')): Ignore {
  return ignore().add(text.split('\n'));
}

/** Repository-relative files under `source` (a file or a folder) that the build context contains. */
export function contextFiles(source: string, dockerignore: Ignore = loadDockerignore()): string[] {
  const normalised = posix.normalize(source).replace(/\/+$/, '');
  if (!existsSync(repoPath(normalised))) return [];
  const out: string[] = [];
  const walk = (relative: string) => {
    if (dockerignore.ignores(relative)) return;
    if (!statSync(repoPath(relative)).isDirectory()) {
      out.push(relative);
      return;
    }
    for (const entry of readdirSync(repoPath(relative))) walk(posix.join(relative, entry));
  };
  walk(normalised);
  return out.sort();
}
