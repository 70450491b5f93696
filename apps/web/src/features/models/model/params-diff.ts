export interface ParamRow {
  key: string;
  /** In run order; null when the run has no such param. */
  values: (string | null)[];
}

export interface ParamDiffRow extends ParamRow {
  /** Not every run has the same value. */
  differs: boolean;
  /** Per run: the value differs from the first run's (the reference column). */
  changed: boolean[];
}

/** Params side by side: which rows differ, and which cells differ from the reference run. */
export function diffParams(rows: readonly ParamRow[], options: { onlyDifferences?: boolean } = {}): ParamDiffRow[] {
  const out = rows.map((row) => {
    const reference = row.values[0] ?? null;
    const changed = row.values.map((v, i) => i > 0 && v !== reference);
    return { ...row, differs: changed.some(Boolean), changed };
  });
  return options.onlyDifferences ? out.filter((row) => row.differs) : out;
}

/** Params of separate runs (each a key -> value map) as rows over the union of keys, sorted by key. */
export function paramRowsOf(runs: readonly Record<string, string>[]): ParamRow[] {
  const keys = [...new Set(runs.flatMap((params) => Object.keys(params)))].sort();
  return keys.map((key) => ({ key, values: runs.map((params) => params[key] ?? null) }));
}
