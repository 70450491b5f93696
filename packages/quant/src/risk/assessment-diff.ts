import type { FlagCode, FlagLevel, RiskFlag } from './risk-flag';

/** The parts of an assessment a diff reads (a stored one may carry more). */
export interface AssessmentSnapshot {
  riskScore: number;
  flags: readonly RiskFlag[];
}

export interface FlagChange {
  code: FlagCode;
  from: FlagLevel;
  to: FlagLevel;
  weightFrom: number;
  weightTo: number;
}

export interface AssessmentDiff {
  scoreFrom: number | null;
  scoreTo: number;
  /** scoreTo - scoreFrom; the whole score when there was no previous assessment. */
  scoreDelta: number;
  added: RiskFlag[];
  removed: RiskFlag[];
  /** Flags present in both whose level or weight changed. */
  changed: FlagChange[];
  unchanged: FlagCode[];
  /** Per flag present in both, the evidence transactions that are new since the previous assessment. */
  newEvidence: { code: FlagCode; transactions: string[] }[];
}

/**
 * "What changed since the last assessment": flags added, removed, or with another level, the score delta and
 * the new evidence. Flags are matched by code (an assessment has at most one flag per code). `previous` null
 * means this is the first assessment: every flag is added.
 */
export function diffAssessments(previous: AssessmentSnapshot | null, current: AssessmentSnapshot): AssessmentDiff {
  const before = new Map((previous?.flags ?? []).map((f) => [f.code, f]));
  const after = new Map(current.flags.map((f) => [f.code, f]));
  const diff: AssessmentDiff = {
    scoreFrom: previous?.riskScore ?? null,
    scoreTo: current.riskScore,
    scoreDelta: current.riskScore - (previous?.riskScore ?? 0),
    added: current.flags.filter((f) => !before.has(f.code)),
    removed: (previous?.flags ?? []).filter((f) => !after.has(f.code)),
    changed: [],
    unchanged: [],
    newEvidence: [],
  };
  for (const flag of current.flags) {
    const old = before.get(flag.code);
    if (old === undefined) continue;
    if (old.level !== flag.level || old.weight !== flag.weight) {
      diff.changed.push({
        code: flag.code,
        from: old.level,
        to: flag.level,
        weightFrom: old.weight,
        weightTo: flag.weight,
      });
    } else diff.unchanged.push(flag.code);
    const seen = new Set(old.evidence.transactions);
    const fresh = flag.evidence.transactions.filter((h) => !seen.has(h));
    if (fresh.length > 0) diff.newEvidence.push({ code: flag.code, transactions: fresh });
  }
  return diff;
}
