// Test helper: Financial PhraseBank (Malo et al. 2014; sentences from financial news labelled positive /
// negative / neutral) as ../shared/data/sentiment/financial_phrasebank_all-data_train80.csv, the repo root's
// sibling, never copied into the repo (the data is CC BY-NC-SA upstream; see that folder's README). Read
// through Vite's `?raw` import like forecast/btc-daily-fixture.ts; null when absent, and the tests skip.
import { REFERENCE_DIR } from '../hmm/reference-fixtures';
import { isSentimentLabel, type SentimentLabel } from './sentiment-labels';

export const PHRASEBANK_FILE = 'sentiment/financial_phrasebank_all-data_train80.csv';
export const PHRASEBANK_PATH = `${REFERENCE_DIR}../data/${PHRASEBANK_FILE}`;
export const PHRASEBANK_MISSING_MESSAGE = `skipped: Financial PhraseBank is absent (${PHRASEBANK_PATH})`;

export interface LabelledText {
  /** 0-based data row (the header is not a row). */
  row: number;
  label: SentimentLabel;
  text: string;
}

/** What the shipped model's JSON says it was trained on. */
export const PHRASEBANK_PROVENANCE = {
  data: `../shared/data/${PHRASEBANK_FILE} (Financial PhraseBank, Malo et al. 2014)`,
  split: 'data row % 5 != 0 (train); row % 5 == 0 is the test split, never used in training or selection',
};

/**
 * The fixed evaluation split: data row r is a test row when r % 5 == 0 (776 of 3,877 rows), else a train row.
 * Every model choice (lexicon tuning, hyperparameters, how to combine) is made on train rows only.
 */
export const isTestRow = (row: number): boolean => row % 5 === 0;

/** RFC 4180 records (quoted fields may hold commas, doubled quotes and line breaks). */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch !== '"') field += ch;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      records.push(fields);
      fields = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || fields.length > 0) records.push([...fields, field]);
  return records;
}

/** The `label,news` file as rows; throws on a label outside the three. */
export function parsePhrasebank(text: string): LabelledText[] {
  const [header, ...records] = parseCsv(text);
  if (header?.join(',') !== 'label,news') throw new Error(`unexpected header: ${header?.join(',')}`);
  return records.map(([label, news], row) => {
    if (label === undefined || !isSentimentLabel(label) || news === undefined)
      throw new Error(`data row ${row}: bad record ${JSON.stringify([label, news])}`);
    return { row, label, text: news };
  });
}

/** The rows, or null when ../shared/data is absent. */
export async function loadPhrasebank(): Promise<LabelledText[] | null> {
  let text: string;
  try {
    text = ((await import(/* @vite-ignore */ `${PHRASEBANK_PATH}?raw`)) as { default: string }).default;
  } catch {
    return null;
  }
  return parsePhrasebank(text);
}
