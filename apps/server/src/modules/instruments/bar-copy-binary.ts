import type { RawBar } from '../../providers/market-data-provider';
import type { BarSeriesKey } from './bar-writer';

// PostgreSQL's binary COPY format (https://www.postgresql.org/docs/current/sql-copy.html#id-1.9.3.55.9.4):
// an 11-byte signature, flags and header-extension length, then per row a field count and, per field, its
// byte length and value in network order; a field count of -1 ends the data. Binary rows cost the server no
// text parsing (timestamptz input is the slowest of it), and ts arrives as exact integer microseconds.
const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const HEADER = Buffer.concat([SIGNATURE, Buffer.alloc(8)]);
const TRAILER = Buffer.from([0xff, 0xff]);
/** timestamptz is microseconds since 2000-01-01 UTC. */
const PG_EPOCH_MS = Date.UTC(2000, 0, 1);
const TWO_32 = 2 ** 32;
/** Rows per yielded buffer: large enough to keep socket writes few, small enough to start sending early. */
const ROWS_PER_CHUNK = 4_096;

/** Columns of `bars` in the order encodeBarsBinary writes them. */
export const BARS_BINARY_COLUMNS = '(instrument_id, timeframe, ts, open, high, low, close, volume)';
/** Columns of the staging table in the order encodeStagingBinary writes them (ts as epoch ms). */
export const STAGING_BINARY_COLUMNS = '(ts, open, high, low, close, volume)';

/**
 * Encodes bars of one series as binary COPY data for `bars`, header and trailer included. Expects validated
 * bars (safe-integer ts, finite values): ts * 1000 then stays exact, well inside 2^53.
 */
export function encodeBarsBinary(key: BarSeriesKey, batch: readonly RawBar[]): Generator<Buffer> {
  const timeframe = Buffer.from(key.timeframe, 'utf8');
  // 4+4 instrument_id, 4+len timeframe, 4+8 ts (microseconds since 2000)
  return encode(batch, 8, 8 + 4 + timeframe.length + 12, (chunk, at, bar) => {
    at = chunk.writeInt32BE(4, at);
    at = chunk.writeInt32BE(key.instrumentId, at);
    at = chunk.writeInt32BE(timeframe.length, at);
    at += timeframe.copy(chunk, at);
    return writeInt64(chunk, at, (bar.ts - PG_EPOCH_MS) * 1000);
  });
}

/** Binary COPY data for the staging table: ts as int8 epoch ms, then the five values. */
export function encodeStagingBinary(batch: readonly RawBar[]): Generator<Buffer> {
  return encode(batch, 6, 12, (chunk, at, bar) => writeInt64(chunk, at, bar.ts));
}

type WriteKey = (chunk: Buffer, at: number, bar: RawBar) => number;

function* encode(batch: readonly RawBar[], fields: number, keyBytes: number, writeKey: WriteKey): Generator<Buffer> {
  const rowBytes = 2 + keyBytes + 5 * 12;
  yield HEADER;
  for (let start = 0; start < batch.length; start += ROWS_PER_CHUNK) {
    const end = Math.min(start + ROWS_PER_CHUNK, batch.length);
    const chunk = Buffer.allocUnsafe((end - start) * rowBytes);
    let at = 0;
    for (let i = start; i < end; i++) {
      const bar = batch[i] as RawBar;
      at = chunk.writeInt16BE(fields, at);
      at = writeKey(chunk, at, bar);
      at = writeFloat(chunk, at, bar.open);
      at = writeFloat(chunk, at, bar.high);
      at = writeFloat(chunk, at, bar.low);
      at = writeFloat(chunk, at, bar.close);
      at = writeFloat(chunk, at, bar.volume);
    }
    yield chunk;
  }
  yield TRAILER;
}

/** A length-prefixed int8 from a safe integer (negative ones too: floor keeps the low word unsigned). */
function writeInt64(chunk: Buffer, at: number, value: number): number {
  const high = Math.floor(value / TWO_32);
  at = chunk.writeInt32BE(8, at);
  at = chunk.writeInt32BE(high, at);
  return chunk.writeUInt32BE(value - high * TWO_32, at);
}

function writeFloat(chunk: Buffer, at: number, value: number): number {
  chunk.writeInt32BE(8, at);
  return chunk.writeDoubleBE(value, at + 4);
}
