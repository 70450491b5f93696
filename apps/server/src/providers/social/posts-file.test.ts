import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePostTime } from './post-fields';
import { detectPostsFormat, parsePostsFile } from './posts-file';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('parsePostsFile (csv)', () => {
  const { posts, rejected } = parsePostsFile(fixture('posts.csv'), 'csv');

  it('keeps good rows, with quoted commas and line breaks inside a field', () => {
    expect(posts.map((p) => p.id)).toEqual(['1001', '1002', '1003']);
    expect(posts[0]).toEqual({
      source: 'csv',
      id: '1001',
      author: 'degen_anna',
      text: '$PEPE to the moon, buying more',
      postedAt: Date.UTC(2026, 10, 30, 14, 5),
      url: 'https://x.com/degen_anna/status/1001',
    });
    expect(posts[1]?.text).toBe('rug incoming?\ndev wallet just moved 5%');
  });

  it('reads epoch seconds and milliseconds alike, and leaves empty optional fields null', () => {
    expect(posts[1]?.postedAt).toBe(1_764_511_500_000);
    expect(posts[2]).toMatchObject({ postedAt: 1_764_511_560_000, author: null, url: null });
  });

  it('rejects each bad row with its physical line number and the field at fault', () => {
    // Line numbers count the line break inside record 1002, as an editor shows them.
    expect(rejected).toEqual([
      { line: 6, message: 'created_at "yesterday" is not an ISO date-time or epoch seconds/milliseconds' },
      { line: 7, message: 'id is missing' },
      { line: 8, message: 'expected 5 columns, found 6' },
      { line: 9, message: 'text is missing' },
    ]);
  });

  it('rejects a header without the required columns, naming them', () => {
    const result = parsePostsFile('id,body,when\n1,hi,2026-01-01\n', 'csv');
    expect(result.posts).toEqual([]);
    expect(result.rejected).toEqual([
      { line: 1, message: 'header has no text, no posted_at or created_at column (found: id, body, when)' },
    ]);
  });

  it('uses the source the uploader names', () => {
    const result = parsePostsFile('id,text,posted_at\n1,hi,2026-01-01T00:00:00Z\n', 'csv', { source: 'telegram' });
    expect(result.posts[0]?.source).toBe('telegram');
  });
});

describe('parsePostsFile (jsonl)', () => {
  const { posts, rejected } = parsePostsFile(fixture('posts.jsonl'), 'jsonl');

  it("accepts X's created_at and author_id as well as our own field names", () => {
    expect(posts).toEqual([
      {
        source: 'jsonl',
        id: '1860000000000000001',
        author: '2244994945',
        text: '$WIF breakout, volume 3x',
        postedAt: Date.UTC(2026, 10, 30, 15),
        url: null,
      },
      {
        source: 'jsonl',
        id: 'p-2',
        author: 'forum_user',
        text: 'posted with epoch seconds',
        postedAt: 1_764_514_800_000,
        url: 'https://forum.example/t/2',
      },
    ]);
  });

  it('rejects bad lines by number, skipping blank ones', () => {
    expect(rejected.map((r) => r.line)).toEqual([4, 5, 6, 7]);
    expect(rejected[0]?.message).toBe('created_at is missing');
    expect(rejected[1]?.message).toMatch(/^not valid JSON/);
    expect(rejected[2]?.message).toBe('not a JSON object');
    expect(rejected[3]?.message).toBe('url "javascript:alert(1)" is not an http(s) URL');
  });
});

describe('detectPostsFormat', () => {
  it('goes by the extension first, then by the first character', () => {
    expect(detectPostsFormat('export.CSV', '{"id":1}')).toBe('csv');
    expect(detectPostsFormat('tweets.ndjson', 'id,text')).toBe('jsonl');
    expect(detectPostsFormat('upload.txt', '\n  {"id":"1"}')).toBe('jsonl');
    expect(detectPostsFormat('upload.txt', 'id,text,posted_at')).toBe('csv');
  });
});

describe('parsePostTime', () => {
  it('reads a date-time without an offset as UTC, not the server zone', () => {
    expect(parsePostTime('2026-11-30 14:05:00')).toBe(Date.UTC(2026, 10, 30, 14, 5));
    expect(parsePostTime('2026-11-30T14:05:00+02:00')).toBe(Date.UTC(2026, 10, 30, 12, 5));
  });

  it('refuses words and negative numbers', () => {
    expect(parsePostTime('last tuesday')).toBeNull();
    expect(parsePostTime(-5)).toBeNull();
  });
});
