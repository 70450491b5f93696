import type { TokenTransfer } from '@marketlens/quant';
import { parseBaseUnits, parseTokenUnits } from './token-amount';
import type { TransferCsvLayout } from './transfers-csv-layout';

export type TransferRowResult = { ok: true; transfer: TokenTransfer } | { ok: false; reason: string };

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const HASH = /^0x[0-9a-fA-F]{64}$/;
const reject = (reason: string): TransferRowResult => ({ ok: false, reason });

function nonNegativeInt(text: string): number | null {
  const s = text.trim();
  if (!/^\d+$/.test(s)) return null;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : null;
}

/**
 * One record's fields as a transfer, or exactly why not (column and value). Addresses and hashes are checked
 * and lower-cased (Etherscan writes checksummed mixed case). `logIndex` is -1 for a layout without one; the
 * caller numbers such transfers in file order.
 */
export function parseTransferRow(
  fields: readonly string[],
  layout: TransferCsvLayout,
  fixedToken: string | undefined,
): TransferRowResult {
  if (fields.length !== layout.header.length) {
    return reject(`expected ${layout.header.length} columns, found ${fields.length}`);
  }
  const { header } = layout;
  const tokenText = layout.token === -1 ? '' : (fields[layout.token] ?? '').trim();
  const fromText = (fields[layout.from] ?? '').trim();
  const toText = (fields[layout.to] ?? '').trim();
  const hashText = (fields[layout.txHash] ?? '').trim();
  const valueText = (fields[layout.value] ?? '').trim();
  const blockText = (fields[layout.block] ?? '').trim();

  if (layout.token !== -1 && !ADDRESS.test(tokenText)) {
    return reject(`invalid token address "${tokenText}" in column ${header[layout.token]}`);
  }
  const token = layout.token === -1 ? fixedToken : tokenText.toLowerCase();
  if (token === undefined) return reject('no token address (name it with --token)');
  if (!ADDRESS.test(fromText)) return reject(`invalid address "${fromText}" in column ${header[layout.from]}`);
  if (!ADDRESS.test(toText)) return reject(`invalid address "${toText}" in column ${header[layout.to]}`);
  if (!HASH.test(hashText)) return reject(`invalid transaction hash "${hashText}" in column ${header[layout.txHash]}`);
  const amount = layout.name === 'etherscan' ? parseTokenUnits(valueText) : parseBaseUnits(valueText);
  if (!amount.ok) return reject(`${amount.reason} in column ${header[layout.value]}`);
  const block = nonNegativeInt(blockText);
  if (block === null) return reject(`invalid block number "${blockText}" in column ${header[layout.block]}`);
  let logIndex = -1;
  if (layout.logIndex !== -1) {
    const logText = (fields[layout.logIndex] ?? '').trim();
    const parsed = nonNegativeInt(logText);
    if (parsed === null) return reject(`invalid log index "${logText}" in column ${header[layout.logIndex]}`);
    logIndex = parsed;
  }
  const transfer: TokenTransfer = {
    token,
    from: fromText.toLowerCase(),
    to: toText.toLowerCase(),
    value: amount.value,
    txHash: hashText.toLowerCase(),
    logIndex,
    block,
  };
  const tsText = layout.timestamp === -1 ? '' : (fields[layout.timestamp] ?? '').trim();
  if (tsText !== '') {
    const ts = nonNegativeInt(tsText);
    if (ts === null) return reject(`invalid timestamp "${tsText}" in column ${header[layout.timestamp]}`);
    transfer.timestamp = ts;
  }
  return { ok: true, transfer };
}
