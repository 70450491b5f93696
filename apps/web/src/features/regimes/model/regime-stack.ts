/**
 * Running totals of each row's state probabilities, for a stacked band chart drawn with plain area series:
 * line k is p_0 + ... + p_k, so the band between line k-1 and line k is state k's probability.
 * Drawn from the top line down, each area covers the ones above it and leaves its own band showing.
 */
export function stackProbabilities(probs: readonly (readonly number[])[], states: number): number[][] {
  const lines = Array.from({ length: states }, () => new Array<number>(probs.length));
  probs.forEach((row, i) => {
    let total = 0;
    for (let k = 0; k < states; k++) {
      total += row[k] ?? 0;
      lines[k]![i] = total;
    }
  });
  return lines;
}
