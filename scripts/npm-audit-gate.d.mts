export interface AuditFinding {
  name: string;
  severity: string;
  range?: string;
  /** How to fix it, or null when no release fixes it yet. */
  fix: string | null;
  advisories: string[];
}
export type AuditDecision =
  | { verdict: 'pass' | 'fail'; blocking: AuditFinding[]; unfixed: AuditFinding[] }
  | { verdict: 'unavailable'; reason: string; blocking: []; unfixed: [] };
export function decide(report: unknown, level?: string): AuditDecision;
export function describeDecision(decision: AuditDecision, level?: string): string[];
