import type fc from 'fast-check';

/**
 * Seed and size of a fuzz run (test-only). FUZZ_SEED replays a run exactly: every fuzz test prints the seed it
 * used, and a failure's report also carries fast-check's own seed and path. FUZZ_SCALE multiplies the number of
 * generated inputs: `npm test` runs at 1, `npm run fuzz` (CI) at a larger scale.
 */
export interface FuzzSettings {
  seed: number;
  scale: number;
}

export function fuzzSettings(): FuzzSettings {
  const fromEnv = process.env.FUZZ_SEED;
  const seed = fromEnv !== undefined && fromEnv !== '' ? Number(fromEnv) : Math.floor(Math.random() * 2 ** 31);
  if (!Number.isInteger(seed)) throw new Error(`FUZZ_SEED must be an integer, got "${fromEnv}"`);
  const scale = Number(process.env.FUZZ_SCALE ?? '1');
  if (!(scale > 0)) throw new Error(`FUZZ_SCALE must be a positive number, got "${process.env.FUZZ_SCALE}"`);
  return { seed, scale };
}

/** Runs for a property at this scale (at least 1). */
export const runsAt = (settings: FuzzSettings, base: number): number => Math.max(1, Math.round(base * settings.scale));

/** fc.assert parameters that make a failure replayable from the printed seed. */
export const assertParameters = (settings: FuzzSettings, numRuns: number) =>
  ({ seed: settings.seed, numRuns, endOnFailure: true }) satisfies fc.Parameters<unknown>;

/** The one line each fuzz test prints, so a CI log shows what was generated and how to replay it. */
export function reportFuzz(what: string, settings: FuzzSettings, figures: Record<string, number | string>): void {
  const parts = Object.entries(figures).map(([k, v]) => `${k}=${typeof v === 'number' ? v.toLocaleString('en') : v}`);
  console.info(
    `fuzz ${what}: seed=${settings.seed} scale=${settings.scale} ${parts.join(' ')} (replay: FUZZ_SEED=${settings.seed})`,
  );
}

/** A failure's message cut to a readable size: counterexamples can be megabytes of generated input. */
export function brief(err: unknown, max = 1_500): string {
  if (!(err instanceof Error)) return String(err).slice(0, max);
  // fast-check's message leads with the counterexample; the property's own error (the cause) says what broke.
  const cause = err.cause instanceof Error ? `${err.cause.message.slice(0, max)} <- ` : '';
  const text = `${cause}${err.message}`;
  return text.length > max ? `${text.slice(0, max)}... (${text.length} chars)` : text;
}
