import { describe, expect, it } from 'vitest';
import { VERSION } from '../version';
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

  it('registers no command for --version alone, and still prints the version', async () => {
    expect(await names(['--version'])).toEqual([]);
    expect(await names(['-V'])).toEqual([]);
    expect(await names(['import', '--version'])).toEqual(['import']);
    const program = await createProgram({ json: false, args: ['--version'] });
    let printed = '';
    program.configureOutput({ writeOut: (text) => (printed += text) });
    await expect(program.parseAsync(['node', 'marketlens', '--version'])).rejects.toMatchObject({
      code: 'commander.version',
    });
    expect(printed.trim()).toBe(VERSION);
  });

  it('registers every command for a word that names none, so the error can suggest the closest', async () => {
    expect(await names(['imprt'])).toEqual(every);
    expect(await names(['constructor'])).toEqual(every);
  });
});
