import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createSentimentScorer, scoreLexicon } from '@marketlens/quant';
import { runCli } from '../../test/run-cli';

// `marketlens sentiment score` as a user runs it: JSON Lines in input order, the table, exit codes and
// messages, checked against the library it calls.

// ../shared/data beside the repository root (never copied into it).
const PHRASEBANK = fileURLToPath(
  new URL('../../../../../shared/data/sentiment/financial_phrasebank_all-data_train80.csv', import.meta.url),
);
const hasShared = existsSync(PHRASEBANK);
const dir = mkdtempSync(join(tmpdir(), 'ml-sentiment-cli-'));
const run = (...args: string[]) => runCli(join(dir, 'db'), args);

interface Line {
  label: string;
  score: number;
}

const POSTS = [
  '$PEPE to the moon 🚀🚀',
  'rug pulled, ngmi 💀',
  'Operating profit rose to EUR 13.1 mn from EUR 8.7 mn',
  'a post over\ntwo lines, with "quotes": not bad at all',
  '',
  'The company is based in Espoo .',
];
const quote = (text: string) => `"${text.replace(/"/g, '""')}"`;
const postsFile = join(dir, 'posts.csv');
// A blank line between rows is skipped; the empty text of row 5 is a row.
writeFileSync(
  postsFile,
  `id,text,author\n${POSTS.map((p, i) => `${i + 1},${quote(p)},user${i}`).join('\n')}\n\n`.replace('\n5,', '\n\n5,'),
);

const parseLines = (stdout: string): Line[] =>
  stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Line);

describe('marketlens sentiment score (files made here)', { timeout: 180_000 }, () => {
  it('prints one JSON line per row, in input order, with what the shipped model scores', () => {
    const result = run('sentiment', 'score', '--csv', postsFile, '--text-column', 'text', '--json');
    expect(result.code, result.stderr).toBe(0);
    const lines = parseLines(result.stdout);
    expect(lines).toHaveLength(POSTS.length);
    const scorer = createSentimentScorer('combined');
    lines.forEach((line, i) => {
      expect(Object.keys(line)).toEqual(['label', 'score']);
      const expected = scorer.score(POSTS[i]!);
      expect(line.label, POSTS[i]).toBe(expected.label);
      expect(line.score, POSTS[i]).toBeCloseTo(expected.score, 4);
      expect(Math.abs(line.score)).toBeLessThanOrEqual(1);
    });
    expect(lines.map((l) => l.label).slice(0, 3)).toEqual(['positive', 'negative', 'positive']);
    expect(lines[4], 'an empty text is neutral with score 0').toEqual({ label: 'neutral', score: 0 });
  });

  it('scores with the lexicon alone under --method lexicon (score = the compound)', () => {
    const result = run(
      'sentiment',
      'score',
      '--csv',
      postsFile,
      '--text-column',
      'TEXT',
      '--method',
      'lexicon',
      '--json',
    );
    expect(result.code, result.stderr).toBe(0);
    const lines = parseLines(result.stdout);
    lines.forEach((line, i) => expect(line.score).toBeCloseTo(scoreLexicon(POSTS[i]!).compound, 4));
  });

  it('reads semicolon-separated files', () => {
    const file = join(dir, 'semicolon.csv');
    writeFileSync(file, 'date;headline\n2024-01-01;Shares plunged after the profit warning\n2024-01-02;wagmi\n');
    const result = run('sentiment', 'score', '--csv', file, '--text-column', 'headline', '--json');
    expect(result.code, result.stderr).toBe(0);
    expect(parseLines(result.stdout).map((l) => l.label)).toEqual(['negative', 'positive']);
  });

  it('prints a table and a count per label without --json', () => {
    const result = run('sentiment', 'score', '--csv', postsFile, '--text-column', 'text');
    expect(result.code, result.stderr).toBe(0);
    const rows = result.stdout.trim().split('\n');
    expect(rows[0]).toMatch(/row\s+label\s+score\s+text/);
    expect(rows).toHaveLength(POSTS.length + 1);
    expect(rows[1]).toMatch(/^\s+1\s+positive\s+0\.\d{4}\s+\$PEPE to the moon/);
    expect(result.stderr).toMatch(/6 rows scored \(combined\): \d positive, \d neutral, \d negative/);
  });

  it('answers errors in words with exit codes, as one JSON error with --json', () => {
    const broken = join(dir, 'broken.csv');
    writeFileSync(broken, 'id,text\n1,"never closed\n');
    const short = join(dir, 'short.csv');
    writeFileSync(short, 'id,author,text\n1,a,fine\n2,b\n');
    const cases: Array<[string[], number, RegExp]> = [
      [['--csv', join(dir, 'nope.csv'), '--text-column', 'text'], 66, /file not found: .*nope\.csv/],
      [
        ['--csv', postsFile, '--text-column', 'body'],
        65,
        /no column "body" in the header; the columns are "id", "text", "author"/,
      ],
      [['--csv', postsFile, '--text-column', 'text', '--method', 'vader'], 64, /--method: one of combined, lexicon/],
      [['--csv', postsFile], 64, /required option '--text-column <name>' not specified/],
      [['--csv', broken, '--text-column', 'text'], 65, /broken\.csv: line 2: a quoted field is never closed/],
      [['--csv', short, '--text-column', 'text'], 65, /short\.csv: line 3: has 2 fields, so no "text"/],
    ];
    for (const [args, code, message] of cases) {
      const result = run('sentiment', 'score', ...args, '--json');
      expect(result.code, `${args.join(' ')}: ${result.stdout}`).toBe(code);
      const lines = result.stdout.trim().split('\n');
      expect(lines, 'no partial output before the error').toHaveLength(1);
      const { error } = JSON.parse(lines[0]!) as { error: { code: string; message: string; exitCode: number } };
      expect(error.exitCode).toBe(code);
      expect(error.message).toMatch(message);
    }
    const plain = run('sentiment', 'score', '--csv', postsFile, '--text-column', 'body');
    expect(plain.code).toBe(65);
    expect(plain.stderr).toMatch(/^marketlens: .*no column "body"/);
    expect(plain.stdout).toBe('');
  });

  it('documents the options, the JSON fields and the exit codes in --help', () => {
    const help = run('sentiment', 'score', '--help');
    expect(help.code).toBe(0);
    for (const text of [
      '--csv',
      '--text-column',
      '--method',
      '--json',
      '"label"',
      '"score"',
      'JSON Lines',
      'Exit codes',
    ])
      expect(help.stdout).toContain(text);
    for (const code of ['64', '65', '66']) expect(help.stdout).toContain(code);
  });
});

describe.skipIf(!hasShared)(
  `marketlens sentiment score on Financial PhraseBank${hasShared ? '' : ' (skipped: ../shared/data is absent)'}`,
  { timeout: 120_000 },
  () => {
    it('scores all 3,877 rows in order, matching the library row by row', () => {
      const result = run('sentiment', 'score', '--csv', PHRASEBANK, '--text-column', 'news', '--json');
      expect(result.code, result.stderr).toBe(0);
      const lines = parseLines(result.stdout);
      expect(lines).toHaveLength(3877);
      // The first rows checked against the library, read here with a small quote-aware split.
      const scorer = createSentimentScorer('combined');
      const rows = readFileSync(PHRASEBANK, 'utf8').split('\n').slice(1, 41);
      rows.forEach((row, i) => {
        const text = row
          .slice(row.indexOf(',') + 1)
          .replace(/^"(.*)"$/, '$1')
          .replace(/""/g, '"');
        expect(lines[i]!.label, text).toBe(scorer.score(text).label);
      });
    });
  },
);
