import { describe, expect, it } from 'vitest';
import { createProgram } from './program';

// createProgram loads only the command the arguments name (each command's module pulls in its services).
const names = async (args?: string[]) =>
  (await createProgram({ json: false, ...(args ? { args } : {}) })).commands.map((c) => c.name());

describe('createProgram', () => {
  const every = [
    'serve',
    'migrate',
    'import',
    'users',
    'apikeys',
    'demo-data',
    'regimes',
    'forecasts',
    'backtest',
    'signals',
    'universe',
    'screener',
    'sentiment',
    'meme',
  ];

  it('registers every command, in the help order, without arguments and for the root help', async () => {
    expect(await names()).toEqual(every);
    expect(await names([])).toEqual(every);
    expect(await names(['--help'])).toEqual(every);
    expect(await names(['help', 'import'])).toEqual(every);
  });

  it('registers only the named command, wherever its options are', async () => {
    expect(await names(['import', 'prices.csv', '--symbol', 'SPX'])).toEqual(['import']);
    expect(await names(['--json', 'users', 'create'])).toEqual(['users']);
    expect(await names(['demo-data', '--help'])).toEqual(['demo-data']);
  });

  it('registers every command for a word that names none, so the error can suggest the closest', async () => {
    expect(await names(['imprt'])).toEqual(every);
    expect(await names(['constructor'])).toEqual(every);
  });
});
