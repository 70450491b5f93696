import { closeSync, openSync, statSync } from 'node:fs';
import { CliError } from './cli-error';

/** sysexits EX_NOINPUT: the input file does not exist or cannot be read. */
const NO_INPUT = 66;

const REASONS: Record<string, string> = {
  ENOENT: 'file not found',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'name too long',
};

/**
 * Checks that `file` is a regular file this process can open for reading, before anything is written, so
 * "cannot read" is one clear message (exit 66) instead of a stream error halfway through. Returns its size.
 */
export function requireReadableFile(file: string): number {
  let size: number;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) throw new CliError(`${file}: is a directory, not a CSV file`, NO_INPUT);
    size = stat.size;
    closeSync(openSync(file, 'r'));
  } catch (err) {
    if (err instanceof CliError) throw err;
    const code = (err as NodeJS.ErrnoException).code ?? '';
    if (code === 'ENOENT') throw new CliError(`file not found: ${file}`, NO_INPUT);
    throw new CliError(`cannot read ${file}: ${REASONS[code] ?? (err as Error).message}`, NO_INPUT);
  }
  return size;
}
