import type { Assessment } from '@marketlens/contracts';
import type { BadgeTone } from '../../../shared/ui/badge';

export type FlagChange = Assessment['diff']['changes'][number];

const CHANGE_TONE: Readonly<Record<FlagChange['change'], BadgeTone>> = {
  new: 'danger',
  raised: 'danger',
  lowered: 'success',
  cleared: 'success',
};

/** One change in words: "new (danger)", "raised warn → danger", "cleared (was warn)". */
export function changeWords(change: FlagChange): { label: string; tone: BadgeTone } {
  const tone = CHANGE_TONE[change.change];
  switch (change.change) {
    case 'new':
      return { label: `new${change.to ? ` (${change.to})` : ''}`, tone };
    case 'cleared':
      return { label: `cleared${change.from ? ` (was ${change.from})` : ''}`, tone };
    default:
      return { label: `${change.change} ${change.from ?? '?'} → ${change.to ?? '?'}`, tone };
  }
}

/** "+37", "−5", "±0": the score's move since the previous assessment. */
export function scoreChangeWords(change: number | null): string | null {
  if (change === null) return null;
  if (change > 0) return `+${change}`;
  if (change < 0) return `−${Math.abs(change)}`;
  return '±0';
}
