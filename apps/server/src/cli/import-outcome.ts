import type { ImportSummary } from '@marketlens/contracts';
import { EXIT_CODES } from './exit-codes';

/** Why an import that ran to the end still exits non-zero. */
export type ImportProblem = 'ROWS_REJECTED' | 'NOTHING_IMPORTED';

export interface ImportOutcome {
  exitCode: number;
  problem?: { code: ImportProblem; message: string };
}

/**
 * What an import's exit code says, so a script can trust it (docs/decisions.md): 0 when every row is stored,
 * 65 when a row was rejected (0 with `allowRejected`), and 65 when no row at all was stored (an empty file,
 * or every row rejected) even with `allowRejected`. Rows already stored and unchanged count as imported, so
 * running the same import again exits 0.
 */
export function importOutcome(summary: ImportSummary, allowRejected: boolean): ImportOutcome {
  const stored = summary.inserted + summary.updated + summary.unchanged;
  const rejected = Math.max(summary.rejectedTotal, summary.rejected.length);
  const rows = `${rejected} row${rejected === 1 ? '' : 's'}`;
  if (stored === 0) {
    const message =
      rejected > 0
        ? `nothing imported: ${rejected === 1 ? 'the only row was' : `all ${rows} were`} rejected`
        : 'nothing imported: the file has no data rows';
    return { exitCode: EXIT_CODES.INVALID_INPUT, problem: { code: 'NOTHING_IMPORTED', message } };
  }
  if (rejected > 0 && !allowRejected) {
    return {
      exitCode: EXIT_CODES.INVALID_INPUT,
      problem: {
        code: 'ROWS_REJECTED',
        message: `${rows} rejected, ${stored} stored (--allow-rejected accepts a partial import)`,
      },
    };
  }
  return { exitCode: EXIT_CODES.OK };
}
