import { expect, it } from 'vitest';
import { sha256Hex } from './artifact-key';
import type { ArtifactStore } from './artifact-store';
import { ArtifactNotFoundError, InvalidArtifactKeyError } from './artifact-store.errors';

/** Behaviour every ArtifactStore shares; called from each implementation's test file. Test-only. */
export function artifactStoreContract(getStore: () => ArtifactStore): void {
  it('stores bytes and reads them back with size and SHA-256', async () => {
    const store = getStore();
    const body = Buffer.from([0, 1, 2, 255, 254, 10, 13]);
    const stored = await store.put('runs/r1/a1/model.bin', body, 'application/octet-stream');
    expect(stored.sizeBytes).toBe(7);
    expect(stored.sha256).toBe(sha256Hex(body));
    expect(await store.get('runs/r1/a1/model.bin')).toEqual(body);
  });

  it('stores strings as UTF-8 and replaces an object written again under its key', async () => {
    const store = getStore();
    await store.put('runs/r1/a2/model.json', '{"v":1}', 'application/json');
    const second = await store.put('runs/r1/a2/model.json', '{"v":"é"}', 'application/json');
    expect(second.sizeBytes).toBe(Buffer.byteLength('{"v":"é"}'));
    expect((await store.get('runs/r1/a2/model.json')).toString('utf8')).toBe('{"v":"é"}');
  });

  it('says which key is missing', async () => {
    await expect(getStore().get('runs/none/x.json')).rejects.toThrow(ArtifactNotFoundError);
  });

  it('deletes, and deleting twice is not an error', async () => {
    const store = getStore();
    await store.put('runs/r1/a3/gone.txt', 'x', 'text/plain');
    await store.delete('runs/r1/a3/gone.txt');
    await store.delete('runs/r1/a3/gone.txt');
    await expect(store.get('runs/r1/a3/gone.txt')).rejects.toThrow(ArtifactNotFoundError);
  });

  it('refuses keys that could escape the store or are malformed', async () => {
    const store = getStore();
    for (const key of ['../x', 'a/../../x', '/etc/passwd', 'a//b', 'a/./b', 'a b', '', 'a\\b', 'a/']) {
      await expect(store.put(key, 'x', 'text/plain'), key).rejects.toThrow(InvalidArtifactKeyError);
      await expect(store.get(key), key).rejects.toThrow(InvalidArtifactKeyError);
    }
  });

  it('answers ping when reachable', async () => {
    await expect(getStore().ping()).resolves.toBeUndefined();
  });
}
