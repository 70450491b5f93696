import { CsvFormatError } from './csv-format.error';
import { hasOpenQuote, quoteCount } from './csv-fields';

export type CsvInput = AsyncIterable<Uint8Array | string> | NodeJS.ReadableStream;

export interface CsvRecord {
  /** The record without its line terminator (CRLF or LF). */
  text: string;
  /** 1-based physical line where the record starts. */
  line: number;
}

// Any C0 control character other than tab, LF and CR means this is not a text CSV (matching them is the point).
// eslint-disable-next-line no-control-regex
const BINARY = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

function rejectForeignBom(bytes: Uint8Array): void {
  const [b0, b1, b2, b3] = bytes;
  if (b0 === 0x00 && b1 === 0x00 && b2 === 0xfe && b3 === 0xff)
    throw new CsvFormatError(1, 'file is UTF-32 (big-endian BOM); save it as UTF-8');
  if (b0 === 0xff && b1 === 0xfe && b2 === 0x00 && b3 === 0x00)
    throw new CsvFormatError(1, 'file is UTF-32 (little-endian BOM); save it as UTF-8');
  if (b0 === 0xfe && b1 === 0xff) throw new CsvFormatError(1, 'file is UTF-16 (big-endian BOM); save it as UTF-8');
  if (b0 === 0xff && b1 === 0xfe) throw new CsvFormatError(1, 'file is UTF-16 (little-endian BOM); save it as UTF-8');
}

/** Offset of the first byte that breaks UTF-8 (only called after the decoder failed, so speed is no concern). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < 3 && i < bytes.length && ((bytes[i] ?? 0) & 0xc0) === 0x80) i++; // tail of a char begun in the previous chunk
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (len === 0) return i;
    for (let k = 1; k < len; k++) {
      if (i + k >= bytes.length) return i + k > bytes.length ? i : bytes.length;
      if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    }
    i += len;
  }
  return bytes.length;
}

function countNewlines(bytes: Uint8Array, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) if (bytes[i] === 0x0a) n++;
  return n;
}

/**
 * Decodes a byte or string stream as strict UTF-8 and yields CSV records with their physical line numbers,
 * one array per input chunk (an await per record would cost more than parsing it).
 * Memory stays bounded by one chunk plus one partial record, whatever the file size.
 */
export async function* readCsvRecords(input: CsvInput): AsyncGenerator<CsvRecord[]> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  let carry = '';
  let nextLine = 1; // physical line number of the first line in `carry`
  let pending: CsvRecord | null = null; // a record whose quoted field spans lines
  // Quotes in `pending` so far, odd while a field is open: carried line by line, because re-counting the whole
  // record at every line made a file with an unclosed quote quadratic (1 MB took 71 s).
  let pendingQuotes = 0;
  let first = true;

  function drain(text: string, final: boolean): CsvRecord[] {
    const records: CsvRecord[] = [];
    const match = BINARY.exec(text);
    if (match) {
      // `carry` never holds a line break, so the line is counted from the start of `text`.
      const line = nextLine + text.slice(0, match.index).split('\n').length - 1;
      const code = match[0].charCodeAt(0).toString(16).padStart(2, '0');
      throw new CsvFormatError(line, `binary data (control byte 0x${code}): this is not a CSV text file`);
    }
    const buffer = carry + text;
    let start = 0;
    for (
      let nl = buffer.indexOf('\n');
      nl !== -1 || (final && start < buffer.length);
      nl = buffer.indexOf('\n', start)
    ) {
      const end = nl === -1 ? buffer.length : nl;
      let lineText = buffer.slice(start, end);
      if (lineText.endsWith('\r')) lineText = lineText.slice(0, -1);
      const lineNo = nextLine++;
      start = end + 1;
      if (pending) {
        pending.text += '\n' + lineText;
        pendingQuotes += quoteCount(lineText);
        if (pendingQuotes % 2 === 1) continue;
        records.push(pending);
        pending = null;
      } else if (lineText.includes('"') && hasOpenQuote(lineText)) {
        pending = { text: lineText, line: lineNo };
        pendingQuotes = 1; // only the parity matters
      } else {
        records.push({ text: lineText, line: lineNo });
      }
      if (nl === -1) break;
    }
    carry = start >= buffer.length ? '' : buffer.slice(start);
    return records;
  }

  for await (const chunk of input as AsyncIterable<Uint8Array | string>) {
    let text: string;
    if (chunk.length === 0) continue;
    if (typeof chunk === 'string') {
      text = first && chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk;
    } else {
      if (first) rejectForeignBom(chunk);
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch (cause) {
        const at = firstInvalidUtf8(chunk);
        const line = nextLine + countNewlines(chunk, at);
        throw new CsvFormatError(line, 'file is not valid UTF-8 text (save it as UTF-8)', { cause });
      }
    }
    first = false;
    const records = drain(text, false);
    if (records.length > 0) yield records;
  }
  let tail: string;
  try {
    tail = decoder.decode();
  } catch (cause) {
    throw new CsvFormatError(nextLine, 'file is not valid UTF-8 text: it ends inside a multi-byte character', {
      cause,
    });
  }
  const last = drain(tail, true);
  if (last.length > 0) yield last;
  // `drain` assigns `pending`; TypeScript cannot see that through the closure.
  const unclosed = pending as CsvRecord | null;
  if (unclosed) throw new CsvFormatError(unclosed.line, 'a quoted field is never closed');
}
