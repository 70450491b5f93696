import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkArtifactKey, sha256Hex, toBuffer } from './artifact-key';
import type { ArtifactStore, StoredArtifact } from './artifact-store';
import { ArtifactNotFoundError, InvalidArtifactKeyError } from './artifact-store.errors';

/** Artifacts as files under one folder (the embedded default). */
export function createLocalArtifactStore(folder: string): ArtifactStore {
  const root = resolve(folder);

  const pathOf = (key: string): string => {
    const path = resolve(root, checkArtifactKey(key));
    // checkArtifactKey already forbids `..`; this guards the join itself.
    if (!path.startsWith(root + sep)) throw new InvalidArtifactKeyError(key, 'resolves outside the artifact folder');
    return path;
  };

  return {
    kind: 'local',
    async put(key, body, _contentType): Promise<StoredArtifact> {
      const path = pathOf(key);
      const bytes = toBuffer(body);
      await mkdir(dirname(path), { recursive: true });
      // Write then rename: a reader sees the old object or the new one, never half a file.
      const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        await writeFile(temp, bytes, { flush: true });
        await rename(temp, path);
      } catch (err) {
        await rm(temp, { force: true });
        throw err;
      }
      return { uri: pathToFileURL(path).href, sizeBytes: bytes.length, sha256: sha256Hex(bytes) };
    },
    async get(key) {
      try {
        return await readFile(pathOf(key));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new ArtifactNotFoundError(key);
        throw err;
      }
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
    async ping() {
      await mkdir(root, { recursive: true });
      if (!(await stat(root)).isDirectory()) throw new Error(`artifact folder ${root} is not a directory`);
    },
  };
}
