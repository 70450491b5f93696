import { z } from 'zod';
import type { AppContext } from '../../context';
import { NotFoundError } from '../../http/http-errors';
import type { AlertKind, AlertTrigger } from '../alerts/alert-kinds';
import { compareSnapshots, DEFAULT_DIFF_SORT } from './diffs.service';
import { findSavedScreenById } from './saved-screens.service';
import { parseFilterOrBadRequest } from './screens.service';
import { findSnapshot, latestSnapshot, type SnapshotRow } from './snapshots.store';
import { defaultUniverseId } from './universes.store';

// Alert kind `screen_change`: "tell me when a stock enters or leaves my screen". Evaluated when a snapshot
// is stored (the snapshot queues alerts.evaluate) and by the schedule. Each new snapshot of the screen's
// universe is compared with the one the rule saw last; the entered set and the left set each raise one event
// (key screen:<date>:entered|left), written with its outbox row by alerts.evaluate, so it reaches immediate
// and digest subscriptions like every other alert. The rule's `symbol` is not used by this kind.

export const screenChangeParams = z
  .object({
    savedScreenId: z.uuid(),
    /** Which changes raise an event. */
    on: z.enum(['both', 'entered', 'left']).default('both'),
  })
  .strict();
type ScreenChangeParams = z.infer<typeof screenChangeParams>;

/** Symbols named in a message; the full list is in the event's values. */
const NAMED = 20;

async function screenAndLatest(ctx: AppContext, params: ScreenChangeParams) {
  const screen = await findSavedScreenById(ctx, params.savedScreenId);
  if (!screen) throw new NotFoundError(`Saved screen ${params.savedScreenId}`, 'SCREEN_NOT_FOUND');
  const universeId = screen.universeId ?? (await defaultUniverseId(ctx.db.orm));
  const latest = universeId ? await latestSnapshot(ctx.db.orm, universeId) : undefined;
  return { screen, latest };
}

function describeChange(
  screen: string,
  change: 'entered' | 'left',
  to: string,
  symbols: readonly { symbol: string }[],
): string {
  const named = symbols.slice(0, NAMED).map((s) => s.symbol);
  const more = symbols.length > NAMED ? ` and ${symbols.length - NAMED} more` : '';
  const verb = change === 'entered' ? 'entered' : 'left';
  return `${symbols.length} ${symbols.length === 1 ? 'stock' : 'stocks'} ${verb} "${screen}" on ${to}: ${named.join(', ')}${more}`;
}

export const screenChangeKind: AlertKind<ScreenChangeParams> = {
  params: screenChangeParams,
  describe: (p) =>
    `${p.on === 'both' ? 'a stock enters or leaves' : p.on === 'entered' ? 'a stock enters' : 'a stock leaves'} saved screen ${p.savedScreenId}`,
  async initialState(ctx, rule) {
    const { latest } = await screenAndLatest(ctx, rule.params);
    return latest ? { lastAsOf: latest.asOf } : {};
  },
  async evaluate(ctx, rule) {
    const { screen, latest } = await screenAndLatest(ctx, rule.params);
    const lastAsOf = typeof rule.state?.lastAsOf === 'string' ? rule.state.lastAsOf : null;
    if (!latest || latest.asOf === lastAsOf) return { triggers: [], state: rule.state ?? {} };
    const from: SnapshotRow | undefined =
      (lastAsOf !== null && lastAsOf < latest.asOf
        ? await findSnapshot(ctx.db.orm, latest.universeId, lastAsOf)
        : undefined) ?? (await latestSnapshot(ctx.db.orm, latest.universeId, { before: latest.asOf }));
    const state = { lastAsOf: latest.asOf };
    if (!from) return { triggers: [], state };
    const diff = await compareSnapshots(ctx, {
      from,
      to: latest,
      filter: parseFilterOrBadRequest(screen.filter),
      sort: screen.sort ?? DEFAULT_DIFF_SORT,
      movers: 0,
    });
    const triggers: AlertTrigger[] = [];
    for (const change of ['entered', 'left'] as const) {
      const symbols = diff[change];
      if (symbols.length === 0 || (rule.params.on !== 'both' && rule.params.on !== change)) continue;
      triggers.push({
        key: `screen:${latest.asOf}:${change}`,
        at: Date.parse(`${latest.asOf}T00:00:00Z`),
        message: describeChange(screen.name, change, latest.asOf, symbols),
        values: {
          change,
          count: symbols.length,
          screen: screen.name,
          savedScreenId: screen.id,
          from: from.asOf,
          to: latest.asOf,
          symbols: symbols.map((s) => s.symbol),
        },
      });
    }
    return { triggers, state };
  },
};
