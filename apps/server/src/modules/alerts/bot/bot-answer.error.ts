/**
 * A command's answer in words instead of data: bad input, an unknown symbol, nothing fitted yet. The message is
 * plain text for the chat (escaped when sent); it is expected, so it is never logged as a failure.
 */
export class BotAnswerError extends Error {
  override readonly name = 'BotAnswerError';
}
