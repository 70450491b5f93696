/** Cell colours of the transition-matrix heatmap: white at 0, deep sky at 1; text flips to white on dark cells. */
export function heatmapCellStyle(value: number): { backgroundColor: string; color: string } {
  const v = Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
  // A square root lifts small probabilities off white, where most off-diagonal entries live.
  const alpha = Math.round(Math.sqrt(v) * 100) / 100;
  return { backgroundColor: `rgba(2,132,199,${alpha})`, color: alpha > 0.6 ? '#ffffff' : '#0f172a' };
}
