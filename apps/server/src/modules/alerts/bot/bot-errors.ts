import type { Logger } from 'pino';
import { HttpError } from '../../../http/http-errors';
import { BotAnswerError } from './bot-answer.error';
import { loggableError } from './bot-secrets';

// A command that fails answers in words, never with a stack trace or an internal message.

const UNEXPECTED = 'Something went wrong on my side; please try again in a minute.';

/**
 * Runs `work`, turning the listed service error codes (404 INSTRUMENT_NOT_FOUND ...) into answers in words
 * that fit the command, e.g. "I know no symbol FOO".
 */
export async function explained<T>(work: Promise<T>, answers: Partial<Record<string, string>>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    const answer = err instanceof HttpError ? answers[err.code] : undefined;
    if (answer !== undefined) throw new BotAnswerError(answer, { cause: err });
    throw err;
  }
}

/**
 * The plain-text answer for a failed command: its own words, a service's 4xx message (written for the people
 * who call the API), or an apology for anything else, which is logged (token redacted) since it is a bug or
 * an outage.
 */
export function answerForError(err: unknown, log: Logger, token: string): string {
  if (err instanceof BotAnswerError) return err.message;
  if (err instanceof HttpError && err.statusCode < 500) return err.message;
  log.error({ err: loggableError(err, token) }, 'telegram bot command failed');
  return UNEXPECTED;
}
