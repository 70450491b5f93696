import { diffAssessments, type AssessmentSnapshot, type RiskFlag } from '@marketlens/quant';
import type { Assessment } from '@marketlens/contracts';

type DiffDto = Assessment['diff'];
type ChangeDto = DiffDto['changes'][number];

/**
 * "What changed since the last assessment", in the API's words: each flag that is new, cleared, raised or
 * lowered (by weight) and one sentence that leads with the score, e.g.
 * "Score 35 -> 72 (+37): new WASH_CYCLE (danger); TRANSFER_BURST cleared."
 */
export function describeAssessmentChange(
  previous: (AssessmentSnapshot & { id: string }) | null,
  current: AssessmentSnapshot,
): DiffDto {
  const diff = diffAssessments(previous, current);
  const byCode = new Map<string, RiskFlag>(current.flags.map((f) => [f.code, f]));
  const changes: ChangeDto[] = [
    ...diff.added.map((f) => ({ code: f.code, change: 'new' as const, from: null, to: f.level, message: f.message })),
    ...diff.changed.map((c) => ({
      code: c.code,
      change: c.weightTo > c.weightFrom ? ('raised' as const) : ('lowered' as const),
      from: c.from,
      to: c.to,
      message: byCode.get(c.code)?.message ?? '',
    })),
    ...diff.removed.map((f) => ({
      code: f.code,
      change: 'cleared' as const,
      from: f.level,
      to: null,
      message: f.message,
    })),
  ];
  const parts = changes.map((c) =>
    c.change === 'new'
      ? `new ${c.code} (${c.to})`
      : c.change === 'cleared'
        ? `${c.code} cleared`
        : `${c.code} ${c.from} -> ${c.to}`,
  );
  for (const e of diff.newEvidence) {
    if (changes.some((c) => c.code === e.code)) continue;
    parts.push(
      `${e.transactions.length} new ${e.transactions.length === 1 ? 'transaction' : 'transactions'} in ${e.code}`,
    );
  }
  const alarms = current.flags.filter((f) => f.level !== 'info').length;
  let summary: string;
  if (previous === null) {
    summary = `First assessment: score ${current.riskScore} with ${alarms} ${alarms === 1 ? 'alarm' : 'alarms'}.`;
  } else {
    const delta = current.riskScore - previous.riskScore;
    const score =
      delta === 0
        ? `Score unchanged at ${current.riskScore}`
        : `Score ${previous.riskScore} -> ${current.riskScore} (${delta > 0 ? '+' : ''}${delta})`;
    summary = parts.length === 0 ? `${score}; no flag changed.` : `${score}: ${parts.join('; ')}.`;
  }
  return {
    previousId: previous?.id ?? null,
    previousScore: previous?.riskScore ?? null,
    scoreChange: previous === null ? null : current.riskScore - previous.riskScore,
    changes,
    summary,
  };
}
