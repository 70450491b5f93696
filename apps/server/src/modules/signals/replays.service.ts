import type { CreateReplayRequest, Timeframe } from '@marketlens/contracts';
import type { AppContext } from '../../context';
import { BadRequestError } from '../../http/http-errors';
import { getBars, getInstrumentInfo } from '../instruments/instruments.service';
import { isFiner } from './backtest-timeframes';

export const SIGNALS_REPLAY_JOB = 'signals.replay';

/** What job `signals.replay` carries: the request, checked, with times as milliseconds. */
export interface SignalsReplayPayload {
  symbol: string;
  timeframe: Timeframe;
  from?: number;
  to?: number;
  storeAs: string;
  speed: number;
  resampleTo?: Timeframe;
}

/**
 * POST /replays: checks the request before anything is queued (unknown source 404; into itself, a bad range,
 * a finer resample target or no bars to replay 400), then queues job `signals.replay`.
 */
export async function startReplay(ctx: AppContext, request: CreateReplayRequest): Promise<{ id: string }> {
  const source = await getInstrumentInfo(ctx, request.symbol);
  if (source.symbol === request.storeAs.toUpperCase()) {
    throw new BadRequestError(
      'REPLAY_INTO_ITSELF',
      `storeAs must name another instrument than the source ${source.symbol}: the replay writes its bars there`,
    );
  }
  const from = request.from === undefined ? undefined : Date.parse(request.from);
  const to = request.to === undefined ? undefined : Date.parse(request.to);
  if (from !== undefined && to !== undefined && from >= to) {
    throw new BadRequestError('BAD_RANGE', `from (${request.from}) must be before to (${request.to})`);
  }
  if (request.resampleTo !== undefined && !isFiner(request.timeframe, request.resampleTo)) {
    throw new BadRequestError(
      'BAD_RESAMPLE',
      `resampleTo (${request.resampleTo}) must be coarser than the replayed ${request.timeframe} bars`,
    );
  }
  const { bars } = await getBars(ctx, source.symbol, {
    timeframe: request.timeframe,
    from: request.from,
    to: request.to,
    limit: 1,
  });
  if (bars.length === 0) {
    throw new BadRequestError(
      'NO_BARS_TO_REPLAY',
      `${source.symbol} has no ${request.timeframe} bars${request.from || request.to ? ' in that range' : ''} to replay`,
    );
  }
  const payload: SignalsReplayPayload = {
    symbol: source.symbol,
    timeframe: request.timeframe,
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
    storeAs: request.storeAs.toUpperCase(),
    speed: request.speed,
    ...(request.resampleTo === undefined ? {} : { resampleTo: request.resampleTo }),
  };
  return ctx.jobs.enqueue(SIGNALS_REPLAY_JOB, payload);
}
