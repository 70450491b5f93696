import type { RiskFlagDto } from '@marketlens/contracts';

export type FlagEvidence = RiskFlagDto['evidence'];

/** A bar or post-bucket time as UTC, like the chart's axis: "2026-01-02 05:00 UTC". */
export function formatBarTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** How much evidence a flag carries, for a collapsed row: "2 transactions, 1 bar, 3 addresses". */
export function evidenceCount(evidence: FlagEvidence): string {
  const parts: [number, string][] = [
    [evidence.transactions.length, 'transaction'],
    [evidence.blocks.length, 'block'],
    [evidence.bars.length, 'bar'],
    [evidence.posts.length, 'post'],
    [evidence.addresses.length, 'address'],
  ];
  const words = parts
    .filter(([n]) => n > 0)
    .map(([n, word]) => `${n} ${word}${n === 1 ? '' : word === 'address' ? 'es' : 's'}`);
  return words.length > 0 ? words.join(', ') : 'no evidence items';
}
