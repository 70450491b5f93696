import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { artifactStoreContract } from './artifact-store.contract';
import { createLocalArtifactStore } from './local-artifact-store';

describe('local artifact store', () => {
  const parent = mkdtempSync(join(tmpdir(), 'marketlens-local-store-'));
  const folder = join(parent, 'artifacts');
  const store = createLocalArtifactStore(folder);
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  artifactStoreContract(() => store);

  it('writes under its folder, names the file in the uri, and leaves no temporary file behind', async () => {
    const stored = await store.put('runs/r9/a9/model.json', '{}', 'application/json');
    const path = fileURLToPath(stored.uri);
    expect(path).toBe(join(folder, 'runs', 'r9', 'a9', 'model.json'));
    expect(readdirSync(join(folder, 'runs', 'r9', 'a9'))).toEqual(['model.json']);
  });

  it('never writes outside its folder, even for a refused key', async () => {
    await expect(store.put('../escaped.txt', 'x', 'text/plain')).rejects.toThrow(/invalid artifact key/);
    expect(existsSync(join(parent, 'escaped.txt'))).toBe(false);
  });
});
