import { createReadStream } from 'node:fs';
import type { Command } from 'commander';
import {
  createSentimentScorer,
  isSentimentMethod,
  SENTIMENT_METHODS,
  type SentimentMethod,
  type SentimentResult,
} from '@marketlens/quant';
import { splitFields } from '../providers/csv/csv-fields';
import { CsvFormatError } from '../providers/csv/csv-format.error';
import { readCsvRecords } from '../providers/csv/csv-records';
import { CliError } from './cli-error';
import { requireReadableFile } from './input-file';
import { withCliErrors } from './with-cli-errors';
import { exitCodes } from './exit-codes';

interface ScoreOptions {
  csv: string;
  textColumn: string;
  method: string;
  json?: boolean;
}

const HELP = `
Scores the text of every row of a CSV file (posts, headlines) without a database, in input order.
  --csv FILE          a CSV with a header line; fields may be quoted (RFC 4180: commas, "" and line breaks
                      inside quotes). The delimiter is , ; or tab, whichever the header has most of. Blank
                      lines are skipped; a row whose text is empty scores neutral, 0.
  --text-column COL   the header name of the text column (exact, else ignoring case and surrounding spaces).
  --method M          combined (default): the shipped model, TF-IDF of words and word pairs plus the crypto-
                      and finance-aware lexicon score, softmax regression trained on Financial PhraseBank;
                      lexicon: the lexicon and its rules alone (negation, intensifiers, "but", caps, "!").
                      See docs/meme-radar.md for how each compares with VADER and AFINN.

--json prints JSON Lines: one object per row, in input order:
  { "label": "positive" | "negative" | "neutral", "score" }
  score is in [-1, 1] (4 decimals): P(positive) - P(negative) for combined, the lexicon's compound for lexicon;
  label is the most probable class (combined) or compound >= 0.05 positive, <= -0.05 negative (lexicon).
Without --json: a table (row, label, score, start of the text) and a count per label on stderr.
Errors with --json: { "error": { "code", "message", "exitCode" } }, before any row is printed.`;

export function registerSentimentCommand(program: Command): void {
  const sentiment = program.command('sentiment').description('Sentiment of posts and news (Meme Radar)');
  const command = sentiment
    .command('score')
    .description('Score the text column of a CSV file row by row, without a database')
    .requiredOption('--csv <file>', 'CSV file with a header line')
    .requiredOption('--text-column <name>', 'header name of the column to score')
    .option('--method <method>', `${SENTIMENT_METHODS.join(' | ')}`, 'combined')
    .option('--json', 'one JSON object per row per line (JSON Lines)')
    .addHelpText('after', HELP)
    .action(withCliErrors(async (opts: ScoreOptions) => scoreCommand(opts)));
  exitCodes(command, {
    USAGE: 'bad option (unknown --method, missing --csv or --text-column)',
    INVALID_INPUT:
      'FILE is not a usable CSV (no such column: the message lists the columns; a row with too few fields; not UTF-8 text; an unclosed quote)',
    NO_INPUT: 'FILE cannot be read',
  });
}

async function scoreCommand(opts: ScoreOptions): Promise<void> {
  if (!isSentimentMethod(opts.method))
    throw new CliError(`--method: one of ${SENTIMENT_METHODS.join(', ')}, got "${opts.method}"`, 64);
  const method: SentimentMethod = opts.method;
  requireReadableFile(opts.csv);
  let texts: string[];
  try {
    texts = await readTextColumn(opts.csv, opts.textColumn);
  } catch (err) {
    if (err instanceof CsvFormatError) throw new CliError(`${opts.csv}: ${err.message}`, 65);
    throw err;
  }
  const scorer = createSentimentScorer(method);
  const tally = { positive: 0, neutral: 0, negative: 0 };
  if (!opts.json) process.stdout.write(`${'row'.padStart(6)}  ${'label'.padEnd(8)}  ${'score'.padStart(7)}  text\n`);
  texts.forEach((text, i) => {
    const result = rounded(scorer.score(text));
    tally[result.label] += 1;
    process.stdout.write(
      opts.json
        ? `${JSON.stringify(result)}\n`
        : `${String(i + 1).padStart(6)}  ${result.label.padEnd(8)}  ${result.score.toFixed(4).padStart(7)}  ${preview(text)}\n`,
    );
  });
  if (!opts.json) {
    process.stderr.write(
      `${texts.length} rows scored (${method}): ${tally.positive} positive, ${tally.neutral} neutral, ${tally.negative} negative\n`,
    );
  }
}

/** 4 decimals; never -0 in the output. */
const rounded = ({ label, score }: SentimentResult): SentimentResult => ({
  label,
  score: Number(score.toFixed(4)) + 0,
});

const preview = (text: string): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `${flat.slice(0, 59)}…` : flat;
};

function sniffDelimiter(headerLine: string): string {
  const counts = [',', ';', '\t'].map((d) => [d, headerLine.split(d).length] as const);
  return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

/**
 * The text column of every row, in file order. Everything is read and checked before anything is scored, so
 * a broken file fails with one message and no partial output.
 */
async function readTextColumn(file: string, column: string): Promise<string[]> {
  let header: string[] | undefined;
  let delimiter = ',';
  let at = -1;
  const texts: string[] = [];
  for await (const records of readCsvRecords(createReadStream(file))) {
    for (const record of records) {
      if (record.text.trim() === '') continue;
      if (header === undefined) {
        delimiter = sniffDelimiter(record.text);
        header = splitFields(record.text, delimiter);
        at = findColumn(header, column, record.line);
        continue;
      }
      const fields = splitFields(record.text, delimiter);
      if (fields.length <= at)
        throw new CsvFormatError(
          record.line,
          `has ${fields.length} fields, so no "${header[at]}" (column ${at + 1} of ${header.length})`,
        );
      texts.push(fields[at]!);
    }
  }
  if (header === undefined) throw new CsvFormatError(0, 'the file is empty: expected a header line');
  return texts;
}

function findColumn(header: readonly string[], column: string, line: number): number {
  const exact = header.indexOf(column);
  if (exact !== -1) return exact;
  const loose = header.findIndex((h) => h.trim().toLowerCase() === column.trim().toLowerCase());
  if (loose !== -1) return loose;
  const names = header.map((h) => JSON.stringify(h)).join(', ');
  throw new CsvFormatError(line, `no column "${column}" in the header; the columns are ${names}`);
}
