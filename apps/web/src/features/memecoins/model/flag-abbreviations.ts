import type { FlagCode } from './flag-words';

/** Two letters on a timeline marker; the legend spells them out. */
export const FLAG_ABBREVIATIONS: Readonly<Record<FlagCode, string>> = {
  PUMP_PATTERN: 'PP',
  WASH_CYCLE: 'WC',
  HOLDER_CONCENTRATION: 'HC',
  MINT_EVENT: 'ME',
  FRESH_WALLET_CLUSTER: 'FW',
  WHALE_TRANSFER: 'WT',
  TRANSFER_BURST: 'TB',
  SENTIMENT_SPIKE: 'SS',
};
