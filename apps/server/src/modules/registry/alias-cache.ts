/** What an alias points at. */
export interface ResolvedAlias {
  version: number;
  runId: string;
  artifactName: string;
}

/**
 * Alias resolutions kept in process for `ttlMs`, so a prediction endpoint does not query the registry on
 * every request. setAlias in this process clears the model's entries at once; another process (an API
 * replica, a worker) sees the change within ttlMs. Misses (no such alias) are cached too, so a hot path
 * asking for a missing champion does not hit the database either.
 */
export class AliasCache {
  private readonly entries = new Map<string, { value: ResolvedAlias | undefined; expires: number }>();

  constructor(
    readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  private static key = (model: string, alias: string) => `${model}\u0000${alias}`;

  get(model: string, alias: string): { value: ResolvedAlias | undefined } | undefined {
    const key = AliasCache.key(model, alias);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return { value: entry.value };
  }

  set(model: string, alias: string, value: ResolvedAlias | undefined): void {
    this.entries.set(AliasCache.key(model, alias), { value, expires: this.now() + this.ttlMs });
  }

  invalidateModel(model: string): void {
    const prefix = `${model}\u0000`;
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) this.entries.delete(key);
  }
}
