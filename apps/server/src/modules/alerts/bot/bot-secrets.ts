import { createHmac } from 'node:crypto';
import { GrammyError, HttpError } from 'grammy';

// The bot token is a password: whoever has it is the bot. It travels in every Bot API URL
// (https://api.telegram.org/bot<token>/getUpdates), so a network error can carry it in its message. Nothing
// the bot logs passes through without redactToken.

/** `text` with every occurrence of the token replaced. */
export function redactToken(text: string, token: string): string {
  return token ? text.replaceAll(token, '<token>') : text;
}

/** What the log may hold of an error from the Bot API or a command: its kind and its redacted message. */
export function loggableError(error: unknown, token: string): Record<string, unknown> {
  if (error instanceof GrammyError) {
    return { type: error.name, method: error.method, errorCode: error.error_code, message: error.description };
  }
  if (error instanceof HttpError) {
    // grammY's network errors wrap the fetch failure, whose message may name the URL (and so the token).
    return { type: error.name, message: redactToken(error.message, token), cause: describe(error.error, token) };
  }
  return describe(error, token);
}

function describe(error: unknown, token: string): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: redactToken(String(error), token) };
  const stack = error.stack ? { stack: redactToken(error.stack, token) } : {};
  return { type: error.name, message: redactToken(error.message, token), ...stack };
}

/**
 * The webhook's secret_token: Telegram sends it back in X-Telegram-Bot-Api-Secret-Token with every update, so
 * only Telegram can feed the bot. Derived from the bot token (HMAC, so it reveals nothing of it) rather than
 * random: every bot replica and every restart sets the same one, and nothing new has to be configured.
 * base64url of 32 bytes: 43 characters of A-Z a-z 0-9 _ -, as Telegram requires.
 */
export function webhookSecretOf(token: string): string {
  return createHmac('sha256', token).update('marketlens telegram webhook secret').digest('base64url');
}
