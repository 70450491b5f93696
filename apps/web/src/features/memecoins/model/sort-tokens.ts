import type { MemeToken } from '@marketlens/contracts';

export type ScoreOrder = 'desc' | 'asc';

/** By risk score (riskiest first by default); never-assessed tokens last either way, then by symbol. */
export function sortTokens(tokens: readonly MemeToken[], order: ScoreOrder): MemeToken[] {
  const sign = order === 'desc' ? -1 : 1;
  return [...tokens].sort((a, b) => {
    if (a.riskScore === null || b.riskScore === null) {
      if (a.riskScore !== b.riskScore) return a.riskScore === null ? 1 : -1;
    } else if (a.riskScore !== b.riskScore) {
      return sign * (a.riskScore - b.riskScore);
    }
    return a.symbol.localeCompare(b.symbol);
  });
}
