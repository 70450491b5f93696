import { describe, expect, it } from 'vitest';
import { EntityParseError, parseMarkdownV2 } from '../../../test/telegram-markdown-v2';
import {
  boldMarkdownV2,
  codeMarkdownV2,
  escapeMarkdownV2,
  linkMarkdownV2,
  truncateEscapedMarkdownV2,
} from './markdown-v2';

// Expected strings are written out by hand from Telegram's rules
// (https://core.telegram.org/bots/api#markdownv2-style); String.raw keeps the backslashes readable.

const RESERVED = '_*[]()~`>#+-=|{}.!';

describe('escapeMarkdownV2', () => {
  it('escapes every reserved character', () => {
    expect(escapeMarkdownV2(RESERVED)).toBe(String.raw`\_\*\[\]\(\)\~\`\>\#\+\-\=\|\{\}\.\!`);
  });

  it('escapes backslashes, so they stay backslashes', () => {
    expect(escapeMarkdownV2(String.raw`C:\data\n`)).toBe(String.raw`C:\\data\\n`);
    expect(escapeMarkdownV2(String.raw`\.`)).toBe(String.raw`\\\.`);
  });

  it('leaves characters Telegram does not reserve alone', () => {
    const plain = `BTC/USD: 5% up, "a" & 'b' <c ^ $ @ ? ; ,\nnext line`;
    expect(escapeMarkdownV2(plain)).toBe(plain);
  });

  it('escapes a signal title as it is written in the app', () => {
    expect(escapeMarkdownV2('ema-cross: enter long BTC-USD 1m at 43,210.5')).toBe(
      String.raw`ema\-cross: enter long BTC\-USD 1m at 43,210\.5`,
    );
  });

  it('passes emoji and other unicode through untouched', () => {
    expect(escapeMarkdownV2('📈 Über 5.0 — 利益 ok!')).toBe(String.raw`📈 Über 5\.0 — 利益 ok\!`);
    expect(escapeMarkdownV2('👩‍💻🇩🇪')).toBe('👩‍💻🇩🇪');
  });
});

describe('message building blocks', () => {
  it('bolds escaped text', () => {
    expect(boldMarkdownV2('RSI < 30 (oversold)!')).toBe(String.raw`*RSI < 30 \(oversold\)\!*`);
    expect(boldMarkdownV2('a*b')).toBe(String.raw`*a\*b*`);
  });

  it('escapes only backtick and backslash inside a code span', () => {
    expect(codeMarkdownV2('rsi(close, 14) < 40 && x_1')).toBe('`rsi(close, 14) < 40 && x_1`');
    // a\b`c` -> `a\\b\`c\``
    expect(codeMarkdownV2('a\\b`c`')).toBe('`a\\\\b\\`c\\``');
  });

  it('escapes the link text fully and only ) and \\ in the URL', () => {
    expect(linkMarkdownV2('Signal #7 (BTC-USD)', String.raw`https://ml.test/s?q=(a_b)\x`)).toBe(
      String.raw`[Signal \#7 \(BTC\-USD\)](https://ml.test/s?q=(a_b\)\\x)`,
    );
  });
});

describe('truncateEscapedMarkdownV2', () => {
  it('returns text that fits as it is', () => {
    expect(truncateEscapedMarkdownV2(String.raw`a\.b`, 4)).toBe(String.raw`a\.b`);
  });

  it('cuts before an escape sequence rather than through it', () => {
    // Cutting at 3 units would keep "ab\" and the backslash would escape the ellipsis.
    expect(truncateEscapedMarkdownV2(String.raw`ab\.cd`, 4)).toBe('ab…');
    expect(truncateEscapedMarkdownV2(String.raw`ab\\cd`, 4)).toBe('ab…');
    expect(truncateEscapedMarkdownV2(String.raw`ab\.cd`, 5)).toBe(String.raw`ab\.…`);
  });

  it('never splits a surrogate pair', () => {
    expect(truncateEscapedMarkdownV2('😀😀😀', 4)).toBe('😀…');
    expect(truncateEscapedMarkdownV2('😀😀😀', 5)).toBe('😀😀…');
  });

  it('returns nothing when not even the ellipsis fits', () => {
    expect(truncateEscapedMarkdownV2('abc', 0)).toBe('');
    expect(truncateEscapedMarkdownV2('abc', 1)).toBe('…');
  });
});

describe('round trip through the Bot API imitation', () => {
  it('reads escaped text back as the original, every printable ASCII character and unicode included', () => {
    const ascii = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
    const text = `${ascii}\n> not a quote\n\\ 📈 Über — 利益 👩‍💻`;
    expect(parseMarkdownV2(escapeMarkdownV2(text))).toEqual({ text, entities: [] });
  });

  it('reads built messages back with the intended entities', () => {
    const source = [
      boldMarkdownV2('BTC-USD up 5.2%!'),
      codeMarkdownV2('rsi(14) < `30` \\o/'),
      linkMarkdownV2('Open [app]', 'https://ml.test/signals?id=(7)'),
    ].join('\n');
    expect(parseMarkdownV2(source)).toEqual({
      text: 'BTC-USD up 5.2%!\nrsi(14) < `30` \\o/\nOpen [app]',
      entities: [
        { type: 'bold', offset: 0, length: 16 },
        { type: 'code', offset: 17, length: 18 },
        { type: 'text_link', offset: 36, length: 10, url: 'https://ml.test/signals?id=(7)' },
      ],
    });
  });

  it('shows truncated text as a prefix of the original, whatever the cut point', () => {
    const original = 'a.b\\c😀d!e';
    const escaped = escapeMarkdownV2(original);
    for (let max = 1; max < escaped.length; max++) {
      const shown = parseMarkdownV2(truncateEscapedMarkdownV2(escaped, max)).text;
      expect(shown.endsWith('…'), `cut at ${max}`).toBe(true);
      expect(original.startsWith(shown.slice(0, -1)), `cut at ${max}: "${shown}"`).toBe(true);
    }
  });

  it.each(RESERVED.split(''))('rejects an unescaped %s outside entities, and accepts it escaped', (char) => {
    expect(() => parseMarkdownV2(`price ${char} 5`)).toThrow(EntityParseError);
    expect(parseMarkdownV2(`price ${escapeMarkdownV2(char)} 5`).text).toBe(`price ${char} 5`);
  });

  it("rejects with Telegram's wording", () => {
    expect(() => parseMarkdownV2('at 43,210.5')).toThrow(
      "Character '.' is reserved and must be escaped with the preceding '\\'",
    );
    expect(() => parseMarkdownV2('*bold')).toThrow("Can't find end of Bold entity at byte offset 0");
    expect(() => parseMarkdownV2('é *x')).toThrow("Can't find end of Bold entity at byte offset 3");
    expect(() => parseMarkdownV2('[a](https://x.test')).toThrow("Can't find end of a URL at byte offset 4");
  });

  it('rejects an unescaped ) or \\ where it ends a URL early', () => {
    // The first ")" ends the URL, leaving a stray ")" in the text.
    expect(() => parseMarkdownV2('[a](https://x.test/(b))')).toThrow(EntityParseError);
  });

  it('rejects an unescaped backtick inside code, as it ends the span', () => {
    expect(() => parseMarkdownV2('`a`b`')).toThrow("Can't find end of Code entity at byte offset 4");
  });
});
