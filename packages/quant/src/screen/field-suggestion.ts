/**
 * The known name closest to a misspelt one, for "did you mean": the same letters in another case, else the
 * smallest edit distance (Levenshtein, case-insensitive) within a third of the length, else a name it begins
 * (`sma50` -> `sma50Dist`). Undefined when nothing is close enough to be a good guess.
 */
export function suggestName(typed: string, names: Iterable<string>): string | undefined {
  const lower = typed.toLowerCase();
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(typed.length / 3)) + 1;
  let prefixed: string | undefined;
  for (const name of names) {
    const candidate = name.toLowerCase();
    if (candidate === lower) return name;
    const d = editDistance(lower, candidate);
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
    if (prefixed === undefined && lower.length >= 3 && candidate.startsWith(lower)) prefixed = name;
  }
  return best ?? prefixed;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      row.push(Math.min(previous[j]! + 1, row[j - 1]! + 1, substitution));
    }
    previous = row;
  }
  return previous[b.length]!;
}
