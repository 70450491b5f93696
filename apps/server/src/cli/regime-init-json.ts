import { readFileSync } from 'node:fs';
import { covarianceTypeSchema } from '@marketlens/contracts';
import type { GaussianHMMParams } from '@marketlens/quant';
import { z } from 'zod';
import { CliError } from './cli-error';

// The explicit start parameters of ../shared/reference/hmmlearn/init_*.json (hmmlearn's layout):
// { covariance_type, startprob[K], transmat[K][K], means[K][D], covars (diag K x D, full K x D x D,
//   spherical K, tied D x D), features? }.
const num = z.number();
const initJsonSchema = z.object({
  covariance_type: covarianceTypeSchema,
  startprob: z.array(num).min(1),
  transmat: z.array(z.array(num)),
  means: z.array(z.array(num)),
  covars: z.union([z.array(num), z.array(z.array(num)), z.array(z.array(z.array(num)))]),
  features: z.array(z.string()).optional(),
});

export interface RegimeInit {
  params: GaussianHMMParams;
  features?: string[];
}

const flat = (value: unknown): number[] => (Array.isArray(value) ? value.flatMap(flat) : [value as number]);

/** Reads an init JSON into engine parameters; shapes are checked by the engine when the fit starts. */
export function readRegimeInit(file: string): RegimeInit {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new CliError(`--init ${file}: ${(err as Error).message}`, 66);
  }
  const parsed = initJsonSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CliError(`--init ${file}: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`, 65);
  }
  const init = parsed.data;
  const K = init.startprob.length;
  const D = init.means[0]?.length ?? 0;
  return {
    params: {
      nStates: K,
      nFeatures: D,
      covarianceType: init.covariance_type,
      startProb: Float64Array.from(init.startprob),
      transMat: Float64Array.from(flat(init.transmat)),
      means: Float64Array.from(flat(init.means)),
      covars: Float64Array.from(flat(init.covars)),
    },
    ...(init.features ? { features: init.features } : {}),
  };
}
