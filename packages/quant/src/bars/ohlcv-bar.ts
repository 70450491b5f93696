/** One price bar: `ts` is the bar's open time in epoch milliseconds (UTC). The one bar shape of the platform. */
export interface OhlcvBar {
  ts: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}
