import { realSleep, type Sleep } from '../../providers/http/token-bucket';

/** Time for a replay: injected so tests run a 60x replay without waiting. */
export interface ReplayClock {
  now(): number;
  sleep: Sleep;
}

export const realReplayClock: ReplayClock = { now: () => performance.now(), sleep: realSleep };
