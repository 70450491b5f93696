import { describe, expect, it } from 'vitest';
import { InvalidStrategyError } from './invalid-strategy.error';
import { findStrategyProblems, parseStrategyDocument, strategyWarmUpBars } from './strategy-document';

const EXAMPLE = {
  name: 'rsi-reversion-trend',
  timeframe: '1m',
  side: 'long',
  entry: 'rsi(close, 14) < 30 and close > ema(close, 200)',
  exit: 'rsi(close, 14) > 70',
  fees: { rate: 0.001 },
  slippageBps: 0,
};

describe('findStrategyProblems', () => {
  it('finds nothing wrong with the example strategy, whose rules warm up over ema(close, 200)', () => {
    const { definition, problems } = findStrategyProblems(EXAMPLE);
    expect(problems).toEqual([]);
    expect(definition?.name).toBe('rsi-reversion-trend');
    expect(strategyWarmUpBars(definition!)).toBeGreaterThanOrEqual(200);
  });

  it('names each bad rule with the 0-based column of the problem in the text as typed', () => {
    const { definition, problems } = findStrategyProblems({
      ...EXAMPLE,
      entry: '  rsx(close, 14) < 30',
      exit: 'rsi(close, 14) >',
    });
    expect(definition).toBeNull();
    expect(problems).toEqual([
      { path: 'entry', message: expect.stringMatching(/unknown indicator 'rsx'/), position: 2 },
      { path: 'exit', message: expect.stringMatching(/expected/), position: 16 },
    ]);
  });

  it('checks the rules even while other fields are still wrong, so an editor can mark them as the user types', () => {
    const { problems } = findStrategyProblems({ timeframe: '2m', entry: 'close > emma(close, 3)' });
    const paths = problems.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'timeframe', 'entry']));
    expect(problems.find((p) => p.path === 'entry')).toMatchObject({ position: 8 });
  });

  it('reports a document that is not an object as one problem of the whole document', () => {
    expect(findStrategyProblems('nope').problems).toEqual([{ path: '(document)', message: expect.any(String) }]);
  });
});

describe('parseStrategyDocument', () => {
  it('throws InvalidStrategyError with every problem', () => {
    const error = (() => {
      try {
        parseStrategyDocument({ ...EXAMPLE, entry: 'rsx(close)', slippageBps: -1 });
      } catch (err) {
        return err;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(InvalidStrategyError);
    expect((error as InvalidStrategyError).problems.map((p) => p.path).sort()).toEqual(['entry', 'slippageBps']);
  });
});
