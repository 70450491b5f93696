import { CsvFormatError } from '../csv/csv-format.error';
import { splitFields } from '../csv/csv-fields';

export const TRANSFER_CSV_LAYOUTS = ['ethereum-etl', 'etherscan'] as const;
export type TransferCsvLayoutName = (typeof TRANSFER_CSV_LAYOUTS)[number];

export interface TransferCsvLayout {
  name: TransferCsvLayoutName;
  header: string[];
  token: number;
  from: number;
  to: number;
  value: number;
  txHash: number;
  /** -1 in Etherscan exports (no log index: the order within a transaction is used). */
  logIndex: number;
  block: number;
  /** -1 when the file has no timestamp (ethereum-etl's token_transfers). */
  timestamp: number;
  /** -1 when absent. */
  symbol: number;
}

/** `DateTime (UTC)`, `Transaction Hash`, `token_address` become `datetimeutc`, `transactionhash`, `tokenaddress`. */
const normalise = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Recognises a token-transfer CSV from its header:
 * - ethereum-etl `token_transfers` (the ../shared/data/onchain layout): token_address, from_address, to_address,
 *   value (base units), transaction_hash, log_index, block_number [, block_timestamp];
 * - Etherscan's "Download CSV export" of token transfers: "Txhash" or "Transaction Hash", "Blockno",
 *   "UnixTimestamp", "DateTime (UTC)", "From", "To", the amount as "TokenValue" (an address's token-transfer
 *   tab), "Quantity" (a token's page) or "Value" (older exports), and "ContractAddress" / "TokenSymbol" when the
 *   export spans several tokens. A token page's export has no contract column: the caller names the token.
 */
export function detectTransferLayout(headerLine: string, line: number, haveToken: boolean): TransferCsvLayout {
  const header = splitFields(headerLine, ',').map((h) => h.trim());
  const names = header.map(normalise);
  const find = (...candidates: string[]): number => {
    for (const candidate of candidates) {
      const i = names.indexOf(candidate);
      if (i !== -1) return i;
    }
    return -1;
  };
  const found = header.filter(Boolean).join(', ') || '(nothing)';
  const missing = (layout: string, columns: string[]) =>
    new CsvFormatError(line, `${layout} layout without ${columns.join(', ')} (found: ${found})`);

  if (names.includes('tokenaddress') || names.includes('fromaddress')) {
    const cols = {
      token: find('tokenaddress'),
      from: find('fromaddress'),
      to: find('toaddress'),
      value: find('value'),
      txHash: find('transactionhash'),
      logIndex: find('logindex'),
      block: find('blocknumber'),
    };
    const absent = Object.entries(cols).filter(([, i]) => i === -1);
    if (absent.length > 0) {
      const wanted: Record<string, string> = {
        token: 'token_address',
        from: 'from_address',
        to: 'to_address',
        value: 'value',
        txHash: 'transaction_hash',
        logIndex: 'log_index',
        block: 'block_number',
      };
      throw missing(
        'ethereum-etl',
        absent.map(([k]) => wanted[k]!),
      );
    }
    return { name: 'ethereum-etl', header, ...cols, timestamp: find('blocktimestamp'), symbol: -1 };
  }
  const txHash = find('txhash', 'transactionhash');
  if (txHash !== -1 && names.includes('from') && names.includes('to')) {
    const value = find('tokenvalue', 'quantity', 'value');
    const block = find('blockno', 'blocknumber');
    const token = find('contractaddress');
    const absent = [
      ...(value === -1 ? ['an amount column (TokenValue, Quantity or Value)'] : []),
      ...(block === -1 ? ['Blockno (transfer windows count blocks; re-export with the block column)'] : []),
      ...(token === -1 && !haveToken ? ['ContractAddress (or name the token with --token)'] : []),
    ];
    if (absent.length > 0) throw missing('Etherscan', absent);
    return {
      name: 'etherscan',
      header,
      token,
      from: find('from'),
      to: find('to'),
      value,
      txHash,
      logIndex: -1,
      block,
      timestamp: find('unixtimestamp'),
      symbol: find('tokensymbol'),
    };
  }
  throw new CsvFormatError(
    line,
    `not a token-transfer CSV: expected ethereum-etl columns (token_address, from_address, to_address, value, ` +
      `transaction_hash, log_index, block_number) or an Etherscan export (Txhash, Blockno, From, To, TokenValue) ` +
      `(found: ${found})`,
  );
}
