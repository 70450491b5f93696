/** Decimal places that Etherscan's whole-token amounts are scaled by, so they become integers like base units. */
export const ETHERSCAN_SCALE_DECIMALS = 18;

export type AmountResult = { ok: true; value: bigint } | { ok: false; reason: string };

/**
 * A raw amount in base units, as ethereum-etl writes it: digits only, read as a bigint because real values pass
 * 2^53 (a float would round the last digits). "5.4e+19", the form a spreadsheet or pandas leaves, is refused:
 * the digits it dropped cannot be recovered.
 */
export function parseBaseUnits(text: string): AmountResult {
  const s = text.trim();
  if (/^\d+$/.test(s)) return { ok: true, value: BigInt(s) };
  if (s === '') return { ok: false, reason: 'empty value' };
  if (s.startsWith('-')) return { ok: false, reason: `negative value ${s}` };
  if (/^[\d.]+e[+-]?\d+$/i.test(s)) {
    return { ok: false, reason: `value "${s}" is in scientific notation: its lost digits cannot be recovered` };
  }
  return { ok: false, reason: `value "${s}" is not an integer amount in base units` };
}

/**
 * An amount in whole tokens as Etherscan shows it ("1,234.5678", thousands separators allowed), read exactly and
 * scaled by 10^18 into a bigint. Digits past the 18th decimal are cut (no mainnet token of note has more).
 */
export function parseTokenUnits(text: string, decimals = ETHERSCAN_SCALE_DECIMALS): AmountResult {
  const s = text.trim().replace(/,/g, '');
  const m = /^(\d*)(?:\.(\d*))?$/.exec(s);
  if (s === '' || m === null || (m[1] === '' && (m[2] ?? '') === '')) {
    if (s === '') return { ok: false, reason: 'empty value' };
    if (s.startsWith('-')) return { ok: false, reason: `negative value ${text.trim()}` };
    return { ok: false, reason: `value "${text.trim()}" is not a decimal amount` };
  }
  const fraction = (m[2] ?? '').slice(0, decimals).padEnd(decimals, '0');
  return { ok: true, value: BigInt(`${m[1] || '0'}${fraction}`) };
}
