import type { Fingerprint } from './table-fingerprints';

export interface Comparison {
  name: string;
  kind: Fingerprint['kind'] | 'missing';
  source?: Fingerprint;
  restored?: Fingerprint;
  ok: boolean;
}

/** Pairs the source's and the restored database's objects by name; an object on one side only is a mismatch. */
export function compareFingerprints(source: Fingerprint[], restored: Fingerprint[]): Comparison[] {
  const restoredByName = new Map(restored.map((f) => [f.name, f]));
  const sourceNames = new Set(source.map((f) => f.name));
  const pairs: Comparison[] = source.map((s) => {
    const r = restoredByName.get(s.name);
    return {
      name: s.name,
      kind: s.kind,
      source: s,
      restored: r,
      ok: r !== undefined && r.rows === s.rows && r.checksum === s.checksum,
    };
  });
  for (const r of restored) {
    if (!sourceNames.has(r.name)) pairs.push({ name: r.name, kind: r.kind, restored: r, ok: false });
  }
  return pairs.sort((a, b) => a.name.localeCompare(b.name));
}

const short = (checksum: string | undefined): string =>
  checksum === undefined ? '(absent)' : checksum.length > 12 ? checksum.slice(0, 12) : checksum;

/** A fixed-width table, one line per object, for people reading the drill's output. */
export function formatComparison(comparisons: Comparison[]): string {
  const header = [
    'object',
    'kind',
    'rows (source)',
    'rows (restored)',
    'checksum (source)',
    'checksum (restored)',
    'result',
  ];
  const lines = comparisons.map((c) => [
    c.name,
    c.kind,
    c.source && c.kind === 'table' ? String(c.source.rows) : '-',
    c.restored && c.kind === 'table' ? String(c.restored.rows) : '-',
    short(c.source?.checksum),
    short(c.restored?.checksum),
    c.ok ? 'ok' : 'MISMATCH',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const row = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [row(header), row(widths.map((w) => '-'.repeat(w))), ...lines.map(row)].join('\n');
}
