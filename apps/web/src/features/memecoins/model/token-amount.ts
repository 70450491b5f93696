const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 2 });
const small = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 });

/**
 * A base-unit amount (a decimal string, often past 2^53) in whole tokens, compact: "1.23M", "−450K", "0.0012".
 * For reading only: the digits past the first few are rounded away, so the exact string belongs in a title.
 */
export function formatTokenAmount(baseUnits: string, decimals: number): string {
  const negative = baseUnits.startsWith('-');
  const digits = baseUnits.replace(/^[-+]/, '').replace(/^0+(?=\d)/, '');
  if (!/^\d+$/.test(digits)) return baseUnits;
  const padded = digits.padStart(decimals + 1, '0');
  const whole = padded.slice(0, padded.length - decimals);
  const fraction = padded.slice(padded.length - decimals);
  const value = Number(`${whole}.${fraction.slice(0, 12) || '0'}`);
  if (value === 0) return '0';
  const words = value >= 1 ? compact.format(value) : small.format(value);
  return negative ? `−${words}` : words;
}
