import type { AppContext } from '../../context';
import { CorruptArtifactError, readArtifact } from '../registry/registry.service';
import { parseArtifact, type LoadedForecastModel } from './forecast-artifact';
import { CorruptModelError } from './forecast-errors';

/**
 * Fitted models in memory, one per (registered model, version): a version's artifact never changes, so it is
 * read and parsed once. Bounded; a failed load is not remembered (the next request tries again).
 */
export class ForecastModelLoader {
  private readonly loaded = new Map<string, Promise<LoadedForecastModel>>();

  constructor(
    private readonly ctx: AppContext,
    private readonly maxModels = 200,
  ) {}

  load(model: string, version: number, runId: string, artifactName: string): Promise<LoadedForecastModel> {
    const key = `${model}@${version}`;
    const known = this.loaded.get(key);
    if (known) return known;
    const loading = this.read(key, runId, artifactName);
    if (this.loaded.size >= this.maxModels) this.loaded.delete(this.loaded.keys().next().value as string);
    this.loaded.set(key, loading);
    loading.catch(() => this.loaded.delete(key));
    return loading;
  }

  private async read(key: string, runId: string, artifactName: string): Promise<LoadedForecastModel> {
    let body: Buffer;
    try {
      body = await readArtifact(this.ctx, runId, artifactName);
    } catch (err) {
      // The registry verifies the checksum; a mismatch means the stored bytes changed.
      if (err instanceof CorruptArtifactError) {
        throw new CorruptModelError(`${key} (${artifactName})`, err.message, { cause: err });
      }
      throw err;
    }
    return parseArtifact(body, `${key} (${artifactName})`);
  }
}
