import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { EXIT_CODES } from './exit-codes';
import { createProgram } from './program';

/** Every command under `command`, itself included, with its full name ("users create"). */
function walk(command: Command, path: string[] = []): { name: string; command: Command }[] {
  const here = { name: path.join(' ') || '(marketlens)', command };
  return [here, ...command.commands.flatMap((sub) => walk(sub, [...path, sub.name()]))];
}

/** The help exactly as `--help` prints it, the texts added after the options included. */
function helpOf(command: Command): string {
  let out = '';
  command.configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (out += s) });
  command.outputHelp();
  return out;
}

const commands = walk(await createProgram({ json: false }));

describe('exit codes in --help', () => {
  it('walks every registered command', () => {
    const names = commands.map((c) => c.name);
    for (const expected of ['serve', 'import', 'users create', 'apikeys create', 'regimes fit', 'meme scan']) {
      expect(names, 'the walk reaches nested commands').toContain(expected);
    }
    expect(names.length).toBeGreaterThanOrEqual(20);
  });

  it('ends the help of every command with its exit codes, each a known code with a meaning', () => {
    for (const { name, command } of commands) {
      const help = helpOf(command);
      const section = help.slice(help.lastIndexOf('\nExit codes:\n'));
      expect(help, `${name} --help has an "Exit codes:" section`).toContain('\nExit codes:\n');
      const rows = section.split('\n').filter((line) => /^\s+\d+\s{2}[A-Z_]+\s/.test(line));
      const codes = rows.map((line) => Number(line.trim().split(/\s+/)[0]));
      expect(codes.slice(0, 1), `${name}: success comes first`).toEqual([0]);
      expect(codes, `${name}: usage errors are listed`).toContain(EXIT_CODES.USAGE);
      expect(codes, `${name}: ascending`).toEqual([...codes].sort((a, b) => a - b));
      for (const code of codes) expect(Object.values(EXIT_CODES), `${name}: ${code}`).toContain(code);
      expect(help.trimEnd().endsWith(section.trimEnd()), `${name}: the section is the last thing in the help`).toBe(
        true,
      );
    }
  });

  it('says what an import with rejected rows and an import of nothing exit with', () => {
    const help = helpOf(commands.find((c) => c.name === 'import')!.command);
    expect(help).toMatch(
      /65 {2}INVALID_INPUT +FILE is not a bar CSV; or a row was rejected \(unless --allow-rejected\)/,
    );
    expect(help).toMatch(/no row was\s+imported at all/);
    expect(help).toContain('75  DATABASE_LOCKED');
  });
});
