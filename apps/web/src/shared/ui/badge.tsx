import type { ReactNode } from 'react';
import { cx } from './cx';

const TONES = {
  neutral: 'bg-slate-100 text-slate-700 ring-slate-200',
  info: 'bg-sky-50 text-sky-700 ring-sky-200',
  success: 'bg-emerald-50 text-emerald-700 ring-emerald-200',
  warning: 'bg-amber-50 text-amber-800 ring-amber-300',
  danger: 'bg-rose-50 text-rose-700 ring-rose-200',
} as const;
export type BadgeTone = keyof typeof TONES;

export function Badge({
  tone = 'neutral',
  children,
  title,
}: {
  tone?: BadgeTone;
  children: ReactNode;
  title?: string;
}) {
  return (
    <span
      title={title}
      className={cx(
        'inline-flex items-center rounded px-1.5 py-0.5 text-[11px] font-semibold tracking-wide ring-1 ring-inset',
        TONES[tone],
      )}
    >
      {children}
    </span>
  );
}
