import { describe, expect, it } from 'vitest';
import { parseMarkdownV2 } from '../../../../test/telegram-markdown-v2';
import { BotAnswerError } from './bot-answer.error';
import {
  bold,
  esc,
  formatAge,
  formatNumber,
  formatPercent,
  formatUtc,
  lines,
  parseCount,
  parseSymbol,
} from './bot-text';

describe('bot reply pieces', () => {
  it('keeps data that looks like markup as text (parsed as Telegram parses MarkdownV2)', () => {
    const data = 'BTC-USD_1m *x* [a](b) ~`>#+=|{}.!\\ 43,210.5';
    const reply = lines(`${bold(data)} ${esc(data)}`, esc('(1.5%)'), false, undefined, '');
    expect(parseMarkdownV2(reply).text).toBe(`${data} ${data}\n(1.5%)`);
  });

  it('formats numbers, odds, times and ages for people', () => {
    expect(formatNumber(43210.51234)).toBe('43210.5');
    expect(formatNumber(0.000123456789)).toBe('0.000123457');
    expect(formatNumber(null)).toBe('n/a');
    expect(formatNumber(Number.NaN)).toBe('n/a');
    expect(formatPercent(0.726)).toBe('73%');
    expect(formatUtc('2026-12-04T09:30:59.999Z')).toBe('2026-12-04 09:30 UTC');
    expect([45, 89, 600, 5400, 7200, 129_600, 172_800, Infinity].map(formatAge)).toEqual([
      '45 s',
      '89 s',
      '10 min',
      '1.5 h',
      '2 h',
      '2 d',
      '2 d',
      'never',
    ]);
  });

  it('reads an optional count within its range and refuses anything else with the range', () => {
    const options = { fallback: 5, min: 1, max: 20, what: 'n' };
    expect(parseCount('', options)).toBe(5);
    expect(parseCount('  7 ', options)).toBe(7);
    expect(parseCount('20', options)).toBe(20);
    for (const bad of ['0', '21', '-3', '2.5', '1e1', 'x', '3 4']) {
      expect(() => parseCount(bad, options), bad).toThrow(new BotAnswerError('n must be a whole number from 1 to 20.'));
    }
  });

  it('reads a symbol as stored (upper case) and refuses what no symbol can be', () => {
    expect(parseSymbol('btc-usd', 'usage')).toBe('BTC-USD');
    expect(parseSymbol('^GSPC', 'usage')).toBe('^GSPC');
    expect(() => parseSymbol(undefined, '/regime SYMBOL')).toThrow('Name a symbol: /regime SYMBOL');
    expect(() => parseSymbol('a/b', 'usage')).toThrow(/is not a symbol/);
    expect(() => parseSymbol('X'.repeat(33), 'usage')).toThrow(/is not a symbol/);
  });
});
