import { describe, expect, it } from 'vitest';
import { CsvFormatError } from '../csv/csv-format.error';
import { parseBaseUnits, parseTokenUnits } from './token-amount';
import { parseTransfersCsv, type ParseTransfersCsvOptions } from './transfers-csv';

async function* chunks(...parts: string[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield new TextEncoder().encode(part);
}
const parse = (text: string | string[], options: ParseTransfersCsvOptions = {}) =>
  parseTransfersCsv(typeof text === 'string' ? chunks(text) : chunks(...text), options);

async function fatal(text: string, options: ParseTransfersCsvOptions = {}): Promise<CsvFormatError> {
  const error = await parse(text, options).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'a fatal CsvFormatError').toBeInstanceOf(CsvFormatError);
  return error as CsvFormatError;
}

const T = '0x95ad61b0a150d79219dcf64e1e6cc01f0b64c4ce';
const A = '0x75e89d5979e4f6fba9f97c104c2f0afb3f1dcb88';
const B = '0xb4767fc1732332c8a6d975291ece4aabbeac04f8';
const H1 = '0x93c44c18a1c2f7d08edbeeb58ac8464ec999437af8dd5794da2c3110480f5883';
const H2 = '0x77a83c383467983176b3a996f50118640017de23244de2e5b8e89d30af149de4';
const ETL = 'token_address,from_address,to_address,value,transaction_hash,log_index,block_number\n';

describe('parseTransfersCsv, ethereum-etl layout', () => {
  it('reads values past 2^53 exactly as bigints', async () => {
    const { transfers, summary } = await parse(`${ETL}${T},${A},${B},23230297000000000000000001,${H1},7,12600000\n`);
    expect(transfers).toEqual([
      { token: T, from: A, to: B, value: 23230297000000000000000001n, txHash: H1, logIndex: 7, block: 12600000 },
    ]);
    expect(summary).toMatchObject({ layout: 'ethereum-etl', amountUnit: 'base-units', rows: 1, accepted: 1 });
    expect(summary).toMatchObject({ fromBlock: 12600000, toBlock: 12600000, rejectedTotal: 0 });
  });

  it('rejects malformed rows with their line numbers and reasons, and keeps the good ones', async () => {
    const text = [
      ETL.trim(),
      `${T},${A},${B},100,${H1},1,5`, // line 2: good
      `${T},${A},${B},5.4762757905318336e+19,${H1},2,5`, // line 3
      `${T},0x12,${B},1,${H1},3,5`, // line 4
      `${T},${A},${B},-4,${H1},4,5`, // line 5
      `${T},${A},${B},1,0xabc,5,5`, // line 6
      `${T},${A},${B},1,${H1},x,5`, // line 7
      `${T},${A},${B},1,${H1}`, // line 8
      '', // line 9: blank, skipped
      `${T},${A},${B},100,${H1},1,5`, // line 10: exact repeat of line 2
      `${T},${A},${B},999,${H1},1,5`, // line 11: same (hash, log) with another value
      `${T.toUpperCase().replace('0X', '0x')},${A},${B},,${H2},1,6`, // line 12: empty value
    ].join('\n');
    const { transfers, summary } = await parse(text);
    expect(transfers).toHaveLength(1);
    expect(summary).toMatchObject({ rows: 10, accepted: 1, duplicates: 1, rejectedTotal: 8 });
    expect(summary.rejected).toEqual([
      {
        line: 3,
        reason:
          'value "5.4762757905318336e+19" is in scientific notation: its lost digits cannot be recovered in column value',
      },
      { line: 4, reason: 'invalid address "0x12" in column from_address' },
      { line: 5, reason: 'negative value -4 in column value' },
      { line: 6, reason: 'invalid transaction hash "0xabc" in column transaction_hash' },
      { line: 7, reason: 'invalid log index "x" in column log_index' },
      { line: 8, reason: 'expected 7 columns, found 5' },
      { line: 11, reason: `transfer ${H1}:1 first seen on line 2 with different values` },
      { line: 12, reason: 'empty value in column value' },
    ]);
  });

  it('caps the listed rejections but counts them all', async () => {
    const bad = Array.from({ length: 5 }, () => `${T},${A},${B},x,${H1},1,5`).join('\n');
    const { summary } = await parse(`${ETL}${bad}\n`, { maxRejectedListed: 2 });
    expect(summary.rejected).toHaveLength(2);
    expect(summary.rejectedTotal).toBe(5);
  });

  it('stops on files that are not transfer CSVs, naming the line', async () => {
    expect((await fatal('')).message).toMatch(/empty file/);
    expect((await fatal(ETL)).message).toMatch(/only a header/);
    expect((await fatal('Date,Open,High,Low,Close\n2020-01-01,1,1,1,1\n')).message).toMatch(
      /line 1: not a token-transfer CSV: expected ethereum-etl columns .* \(found: Date, Open, High, Low, Close\)/,
    );
    expect((await fatal('token_address,from_address,to_address,value\n')).message).toMatch(
      /ethereum-etl layout without transaction_hash, log_index, block_number/,
    );
  });

  it('reads records split across chunks and CRLF line ends', async () => {
    const row = `${T},${A},${B},100,${H1},1,5\r\n`;
    const { transfers } = await parse([ETL.replace('\n', '\r\n'), row.slice(0, 30), row.slice(30)]);
    expect(transfers).toHaveLength(1);
  });
});

describe('parseTransfersCsv, Etherscan exports', () => {
  it('reads the address token-transfer export: whole tokens scaled by 1e18, symbols, timestamps', async () => {
    const text =
      '"Txhash","Blockno","UnixTimestamp","DateTime (UTC)","From","To","TokenValue","USDValueDayOfTx","ContractAddress","TokenName","TokenSymbol"\n' +
      `"${H1}","12600000","1623196800","2021-06-09 00:00:00","${A.toUpperCase().replace('0X', '0x')}","${B}","1,234.5","$0.01","${T}","SHIBA INU","SHIB"\n` +
      `"${H1}","12600000","1623196800","2021-06-09 00:00:00","${B}","${A}","0.000000000000000001","$0.00","${T}","SHIBA INU","SHIB"\n`;
    const { transfers, summary } = await parse(text);
    expect(summary).toMatchObject({
      layout: 'etherscan',
      amountUnit: 'token-units-e18',
      accepted: 2,
      symbols: { [T]: 'SHIB' },
    });
    expect(transfers[0]).toEqual({
      token: T,
      from: A,
      to: B,
      value: 1_234_500_000_000_000_000_000n,
      txHash: H1,
      logIndex: 0,
      block: 12600000,
      timestamp: 1623196800,
    });
    expect(transfers[1]!.value).toBe(1n);
    expect(transfers[1]!.logIndex, 'numbered in file order within a transaction').toBe(1);
  });

  it('reads a token page export ("Transaction Hash", Quantity, no contract column) with --token', async () => {
    const text =
      '"Transaction Hash","Blockno","UnixTimestamp","DateTime (UTC)","From","To","Quantity","Method"\n' +
      `"${H2}","80087529","1765280111","2025-12-09 11:35:11","${A}","${B}","10.013614","Transfer"\n`;
    expect((await fatal(text)).message).toMatch(/ContractAddress \(or name the token with --token\)/);
    const { transfers } = await parse(text, { token: T.toUpperCase().replace('0X', '0x') });
    expect(transfers[0]).toMatchObject({ token: T, value: 10_013_614_000_000_000_000n, block: 80087529 });
  });

  it('refuses an export without a block column or an amount column', async () => {
    const noBlock = `"Txhash","UnixTimestamp","DateTime","From","To","Value","ContractAddress","TokenName","TokenSymbol"\n`;
    expect((await fatal(noBlock)).message).toMatch(/Etherscan layout without Blockno/);
    const ethTxs = `"Txhash","Blockno","UnixTimestamp","DateTime (UTC)","From","To","ContractAddress","Value_IN(ETH)","Value_OUT(ETH)"\n`;
    expect((await fatal(ethTxs)).message).toMatch(/an amount column \(TokenValue, Quantity or Value\)/);
  });
});

describe('amount parsing', () => {
  it('reads base units as exact integers only', () => {
    expect(parseBaseUnits('54762757905318339384')).toEqual({ ok: true, value: 54762757905318339384n });
    expect(parseBaseUnits(' 0 ')).toEqual({ ok: true, value: 0n });
    expect(parseBaseUnits('1.5')).toMatchObject({ ok: false });
  });

  it('reads whole-token decimals exactly and cuts past 18 places', () => {
    expect(parseTokenUnits('1,000')).toEqual({ ok: true, value: 1000n * 10n ** 18n });
    expect(parseTokenUnits('.5')).toEqual({ ok: true, value: 5n * 10n ** 17n });
    expect(parseTokenUnits('0.1234567890123456789')).toEqual({ ok: true, value: 123456789012345678n });
    expect(parseTokenUnits('-1')).toEqual({ ok: false, reason: 'negative value -1' });
    expect(parseTokenUnits('abc')).toMatchObject({ ok: false });
    expect(parseTokenUnits('')).toEqual({ ok: false, reason: 'empty value' });
  });
});
