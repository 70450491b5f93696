import type { TokenTransfer } from '@marketlens/quant';
import { splitFields } from '../csv/csv-fields';
import { CsvFormatError } from '../csv/csv-format.error';
import { readCsvRecords, type CsvInput } from '../csv/csv-records';
import { parseTransferRow } from './transfer-csv-row';
import { detectTransferLayout, type TransferCsvLayoutName } from './transfers-csv-layout';

export interface ParseTransfersCsvOptions {
  /**
   * Contract address of the token, for an Etherscan export from a token's page (it has no ContractAddress
   * column). When the file has the column, rows of other tokens are kept as they are.
   */
  token?: string;
  /** How many rejected rows are listed with their reason; the rest are only counted. Default 100. */
  maxRejectedListed?: number;
}

export interface RejectedTransferRow {
  line: number;
  reason: string;
}

export interface TransfersCsvSummary {
  layout: TransferCsvLayoutName;
  /** Amount unit of `value`: raw base units (ethereum-etl) or whole tokens x 10^18 (Etherscan). */
  amountUnit: 'base-units' | 'token-units-e18';
  /** Data rows read (blank lines not counted). */
  rows: number;
  accepted: number;
  /** Exact repeats of an earlier (transaction_hash, log_index), collapsed silently (ethereum-etl only). */
  duplicates: number;
  rejected: RejectedTransferRow[];
  rejectedTotal: number;
  /** Token symbols named by the file (Etherscan's TokenSymbol), by lower-case contract address. */
  symbols: Record<string, string>;
  fromBlock: number | null;
  toBlock: number | null;
}

export interface ParsedTransfers {
  transfers: TokenTransfer[];
  summary: TransfersCsvSummary;
}

const sameTransfer = (a: TokenTransfer, b: TokenTransfer): boolean =>
  a.token === b.token && a.from === b.from && a.to === b.to && a.value === b.value && a.block === b.block;

/**
 * Reads ERC-20 transfers from a CSV file (layouts in transfers-csv-layout.ts), streaming, with every bad row
 * rejected with its line number and reason while the good ones are kept. A file that is not a transfer CSV at
 * all (no header, unknown layout, only a header) is a CsvFormatError. Etherscan exports carry no log index:
 * transfers of one transaction are numbered in file order.
 */
export async function parseTransfersCsv(
  input: CsvInput,
  options: ParseTransfersCsvOptions = {},
): Promise<ParsedTransfers> {
  const maxListed = options.maxRejectedListed ?? 100;
  const fixedToken = options.token?.toLowerCase();
  const summary: TransfersCsvSummary = {
    layout: 'ethereum-etl',
    amountUnit: 'base-units',
    rows: 0,
    accepted: 0,
    duplicates: 0,
    rejected: [],
    rejectedTotal: 0,
    symbols: {},
    fromBlock: null,
    toBlock: null,
  };
  const transfers: TokenTransfer[] = [];
  // (hash:logIndex) -> line and index of its first row, to tell exact repeats from conflicts.
  const seen = new Map<string, { line: number; index: number }>();
  const perTx = new Map<string, number>();
  const rejectRow = (line: number, reason: string) => {
    summary.rejectedTotal++;
    if (summary.rejected.length < maxListed) summary.rejected.push({ line, reason });
  };
  let layout: ReturnType<typeof detectTransferLayout> | null = null;
  let lastLine = 0;

  for await (const records of readCsvRecords(input)) {
    for (const record of records) {
      lastLine = record.line;
      if (record.text.trim() === '') continue;
      if (!layout) {
        layout = detectTransferLayout(record.text, record.line, fixedToken !== undefined);
        summary.layout = layout.name;
        summary.amountUnit = layout.name === 'etherscan' ? 'token-units-e18' : 'base-units';
        continue;
      }
      summary.rows++;
      const fields = splitFields(record.text, ',');
      const row = parseTransferRow(fields, layout, fixedToken);
      if (!row.ok) {
        rejectRow(record.line, row.reason);
        continue;
      }
      const t = row.transfer;
      if (t.logIndex === -1) {
        t.logIndex = perTx.get(t.txHash) ?? 0;
        perTx.set(t.txHash, t.logIndex + 1);
      } else {
        const key = `${t.txHash}:${t.logIndex}`;
        const first = seen.get(key);
        if (first !== undefined) {
          if (sameTransfer(transfers[first.index]!, t)) summary.duplicates++;
          else rejectRow(record.line, `transfer ${key} first seen on line ${first.line} with different values`);
          continue;
        }
        seen.set(key, { line: record.line, index: transfers.length });
      }
      if (layout.symbol !== -1) {
        const symbol = (fields[layout.symbol] ?? '').trim();
        if (symbol !== '') summary.symbols[t.token] ??= symbol;
      }
      summary.accepted++;
      if (summary.fromBlock === null || t.block < summary.fromBlock) summary.fromBlock = t.block;
      if (summary.toBlock === null || t.block > summary.toBlock) summary.toBlock = t.block;
      transfers.push(t);
    }
  }
  if (!layout) throw new CsvFormatError(lastLine, 'empty file: no header and no data rows');
  if (summary.rows === 0) throw new CsvFormatError(lastLine, 'no data rows (the file has only a header)');
  return { transfers, summary };
}
