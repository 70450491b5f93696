import type { RegimeState } from '@marketlens/contracts';

const CALMEST = '#10b981'; // emerald
const WILDEST = '#e11d48'; // rose
/** Between the calm and the turbulent ends, in order of rising volatility. */
const MIDDLE = ['#0ea5e9', '#8b5cf6', '#f59e0b', '#14b8a6', '#d946ef', '#f97316'];

/**
 * One colour per state index, chosen by volatility rank so the same kind of regime always looks the same:
 * the calmest green, the most volatile red, the rest in between. Ties and missing volatility keep index order.
 */
export function regimeColors(states: readonly Pick<RegimeState, 'index' | 'volatility'>[]): string[] {
  const ranked = [...states].sort(
    (a, b) => (a.volatility ?? Infinity) - (b.volatility ?? Infinity) || a.index - b.index,
  );
  const colors: string[] = [];
  ranked.forEach((state, rank) => {
    const color = rank === 0 ? CALMEST : rank === ranked.length - 1 ? WILDEST : (MIDDLE[rank - 1] ?? '#64748b');
    colors[state.index] = color;
  });
  return Array.from({ length: states.length }, (_, i) => colors[i] ?? '#64748b');
}

/** #rrggbb drawn at `alpha` over white, as an opaque #rrggbb: overlapping or stacked bands must not show what is behind. */
export function overWhite(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  const mix = (channel: number) => Math.round(channel * alpha + 255 * (1 - alpha));
  const rgb = (mix((n >> 16) & 255) << 16) | (mix((n >> 8) & 255) << 8) | mix(n & 255);
  return `#${rgb.toString(16).padStart(6, '0')}`;
}
