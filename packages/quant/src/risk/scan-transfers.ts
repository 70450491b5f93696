import { assessToken, type AssessOptions, type RiskAssessment } from './assess-token';
import { groupByToken, type TokenTransfer } from './token-transfer';

/** Riskiest first, then by token address, so the order is the same on every run. */
export function compareAssessments(a: RiskAssessment, b: RiskAssessment): number {
  return b.riskScore - a.riskScore || (a.token < b.token ? -1 : a.token > b.token ? 1 : 0);
}

/**
 * Assesses every token of a transfer list (a file, a collection run) from its transfers alone. Burst baselines
 * span the whole list's blocks, so a token that first appears in a burst is judged against the quiet blocks
 * before it.
 */
export function scanTransfers(transfers: readonly TokenTransfer[], options: AssessOptions = {}): RiskAssessment[] {
  if (transfers.length === 0) return [];
  let fromBlock = Number.POSITIVE_INFINITY;
  let toBlock = Number.NEGATIVE_INFINITY;
  for (const t of transfers) {
    if (t.block < fromBlock) fromBlock = t.block;
    if (t.block > toBlock) toBlock = t.block;
  }
  const assessments: RiskAssessment[] = [];
  for (const [token, group] of groupByToken(transfers)) {
    assessments.push(
      assessToken(
        { token, transfers: group, blockRange: { fromBlock, toBlock }, fromCreation: options.fromCreation ?? false },
        options,
      ),
    );
  }
  return assessments.sort(compareAssessments);
}
