import type { JobDefinition } from './job-queue';
import { DuplicateJobError } from './duplicate-job.error';
import { UnknownJobError } from './unknown-job.error';

export type AnyJobDefinition = JobDefinition<never, unknown>;

/** The job handlers a queue knows by name; shared by both queue implementations. */
export class JobRegistry {
  private readonly definitions = new Map<string, AnyJobDefinition>();

  register<P, R>(definition: JobDefinition<P, R>): void {
    if (this.definitions.has(definition.name)) throw new DuplicateJobError(definition.name);
    this.definitions.set(definition.name, definition as unknown as AnyJobDefinition);
  }

  has(name: string): boolean {
    return this.definitions.has(name);
  }

  /** Every registered name, sorted. */
  names(): string[] {
    return [...this.definitions.keys()].sort();
  }

  get(name: string): AnyJobDefinition | undefined {
    return this.definitions.get(name);
  }

  /** The definition of `name`, or UnknownJobError saying where it was asked for. */
  require(name: string, where: string): AnyJobDefinition {
    const definition = this.definitions.get(name);
    if (!definition) throw new UnknownJobError(name, where);
    return definition;
  }
}
