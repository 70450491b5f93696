/** A task submitted after close(), or still queued or running when the pool closed. */
export class ComputePoolClosedError extends Error {
  override readonly name = 'ComputePoolClosedError';
  constructor(readonly task: string) {
    super(`compute pool is closed; task "${task}" did not run to completion`);
  }
}
