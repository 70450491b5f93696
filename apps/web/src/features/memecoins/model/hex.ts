/** "0x1234…cdef": enough of a hash or address to tell two apart at a glance; the full value goes in a title. */
export function shortHex(value: string, head = 6, tail = 4): string {
  if (value.length <= head + tail + 1) return value;
  return `${value.slice(0, head)}…${value.slice(-tail)}`;
}

const TX_HASH = /^0x[0-9a-fA-F]{64}$/;
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

/**
 * Etherscan's page for a transaction or address, or null: synthetic demo data has made-up hashes that would
 * open someone else's (or no) transaction, and anything not shaped like a hash is not linked either.
 */
export function etherscanUrl(kind: 'tx' | 'address', value: string, synthetic: boolean): string | null {
  if (synthetic) return null;
  if (kind === 'tx' && !TX_HASH.test(value)) return null;
  if (kind === 'address' && !ADDRESS.test(value)) return null;
  return `https://etherscan.io/${kind}/${value}`;
}
