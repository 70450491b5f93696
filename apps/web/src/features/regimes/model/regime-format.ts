const percent = new Intl.NumberFormat('en-US', {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
const signedPercent = new Intl.NumberFormat('en-US', {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
  signDisplay: 'exceptZero',
});
const decimal1 = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const decimal2 = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

const DASH = '—';

/** 0.1234 -> "12.3%"; null (not computable for this fit's features) -> "—". */
export function formatPercent(value: number | null): string {
  return value === null || !Number.isFinite(value) ? DASH : percent.format(value);
}

/** Returns carry their sign: 0.052 -> "+5.2%". */
export function formatSignedPercent(value: number | null): string {
  return value === null || !Number.isFinite(value) ? DASH : signedPercent.format(value);
}

/** Durations in bars; an absorbing state (A_kk = 1) has an infinite expected duration. */
export function formatBars(value: number): string {
  if (value === Infinity) return '∞';
  return Number.isFinite(value) ? decimal1.format(value) : DASH;
}

export function formatProb(value: number): string {
  return Number.isFinite(value) ? decimal2.format(value) : DASH;
}
