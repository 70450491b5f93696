import type { Command } from 'commander';

/**
 * sysexits-style exit codes (https://man.freebsd.org/cgi/man.cgi?sysexits), the one list the CLI uses: each
 * name is also the stable `code` of a `--json` error.
 */
export const EXIT_CODES = {
  OK: 0,
  FAILED: 1,
  USAGE: 64,
  INVALID_INPUT: 65,
  NO_INPUT: 66,
  NO_USER: 67,
  UNAVAILABLE: 69,
  INTERNAL: 70,
  DATABASE_LOCKED: 75,
  INVALID_CONFIG: 78,
} as const;
export type ExitCodeName = keyof typeof EXIT_CODES;

/** What a code means for one command, in its words; the codes every command shares come from COMMON. */
export type ExitCodeMeanings = Partial<Record<ExitCodeName, string>>;

const COMMON: ExitCodeMeanings = {
  OK: 'success',
  USAGE: 'bad option or argument (the message names it)',
  INTERNAL: 'unexpected error (a bug: please report the message)',
  INVALID_CONFIG: 'bad configuration (the message names the key)',
};

/** Meanings for commands that open the local database (withLocalPlatform). */
export const LOCAL_DATABASE: ExitCodeMeanings = {
  DATABASE_LOCKED: 'the embedded database is held by a running server (the message says how to go through it)',
};

const declared = new WeakMap<Command, ExitCodeMeanings>();

/** Declares the codes a command can end with beyond the common ones (or rewords a common one). */
export function exitCodes<C extends Command>(command: C, meanings: ExitCodeMeanings): C {
  declared.set(command, { ...declared.get(command), ...meanings });
  return command;
}

/** The "Exit codes:" section of a command's help, codes in ascending order. */
export function exitCodesHelp(command: Command): string {
  const meanings = { ...COMMON, ...declared.get(command) };
  const rows = (Object.entries(meanings) as [ExitCodeName, string][])
    .map(([name, meaning]) => ({ code: EXIT_CODES[name], name, meaning }))
    .sort((a, b) => a.code - b.code)
    .map(({ code, name, meaning }) => `  ${String(code).padStart(2)}  ${name.padEnd(NAME_WIDTH)}${wrap(meaning)}`);
  return `\nExit codes:\n${rows.join('\n')}`;
}

const NAME_WIDTH = 17;
const INDENT = 2 + 2 + 2 + NAME_WIDTH;
const WIDTH = 110;

/** Wraps a meaning at word boundaries, continuation lines under the meaning's first word. */
function wrap(text: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && INDENT + line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  lines.push(line);
  return lines.join(`\n${' '.repeat(INDENT)}`);
}

/**
 * Ends the help of the program and of every command under it with its exit codes. Called once after every
 * command is registered, so a new command gets the section without doing anything.
 */
export function documentExitCodes(command: Command): void {
  command.addHelpText('after', () => exitCodesHelp(command));
  for (const sub of command.commands) documentExitCodes(sub);
}
