const SUFFIX: Readonly<Record<string, number>> = { k: 1e3, m: 1e6, b: 1e9, t: 1e12 };

/**
 * A dollar amount as people type it: "300M", "$2B", "1.5e9", "2,000,000" (the Nasdaq list writes caps as
 * "$1.2B", so the same spellings work here). Blank is null (the server's default); anything else unreadable is NaN.
 */
export function parseAmountInput(text: string): number | null {
  const value = text
    .trim()
    .replace(/^\$\s*/, '')
    .replace(/,/g, '');
  if (value === '') return null;
  const m = /^(\d+(?:\.\d*)?|\.\d+)(?:e([+-]?\d+))?\s*([kmbt])?$/i.exec(value);
  if (!m) return Number.NaN;
  const base = Number(m[1]) * (m[2] ? 10 ** Number(m[2]) : 1);
  return base * (m[3] ? SUFFIX[m[3].toLowerCase()]! : 1);
}
