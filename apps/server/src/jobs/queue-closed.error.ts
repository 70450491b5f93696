/** Any use of a queue after close(). */
export class QueueClosedError extends Error {
  override readonly name = 'QueueClosedError';
  constructor(readonly operation: string) {
    super(`job queue is closed (${operation})`);
  }
}
