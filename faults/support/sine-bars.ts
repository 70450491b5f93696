/**
 * Daily bars of a wave (period about 40 bars) with a small seeded wobble, as CSV rows: short and long averages
 * cross every few weeks, so a crossover strategy signals often.
 */
export function waveBarsCsv(from: number, count: number, withHeader: boolean): string {
  const lines = withHeader ? ['Date,Open,High,Low,Close,Volume'] : [];
  let seed = 11 + from;
  for (let i = from; i < from + count; i++) {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    const close = 100 + 10 * Math.sin(i / 6.4) + (seed / 2 ** 31 - 0.5);
    const day = new Date(Date.UTC(2022, 0, 3) + i * 86_400_000).toISOString().slice(0, 10);
    lines.push(`${day},${close},${close + 0.5},${close - 0.5},${close},1000`);
  }
  return `${lines.join('\n')}\n`;
}
