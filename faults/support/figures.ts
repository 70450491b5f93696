/** One scenario's outcome: its figures in one line and whether each guarantee held. */
export interface ScenarioResult {
  name: string;
  figures: Record<string, string | number>;
  /** Broken guarantees, in words; empty when the scenario passed. */
  broken: string[];
}

export const formatFigures = (figures: Record<string, string | number>): string =>
  Object.entries(figures)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
