/** Job names of the module (config/default.json schedules them; routes and imports queue them). */
export const MEMECOINS_COLLECT_JOB = 'memecoins.collect';
export const MEMECOINS_ASSESS_JOB = 'memecoins.assess';

export interface AssessPayload {
  /** One token; default every watched token that is not synthetic. */
  address?: string;
  trigger?: 'collect' | 'import' | 'manual';
}

export interface CollectPayload {
  /** One token; default every watched token that is not synthetic. */
  address?: string;
}
