import { DataDirLockedError } from '../db/data-dir-locked.error';
import { CliError } from './cli-error';

/** Wraps a command action so expected failures print one clear line instead of a stack trace. */
export function withCliErrors<A extends unknown[]>(action: (...args: A) => Promise<void>) {
  return async (...args: A): Promise<void> => {
    try {
      await action(...args);
    } catch (err) {
      if (err instanceof DataDirLockedError) throw new CliError(err.message, 75);
      throw err;
    }
  };
}
