import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { savedScreensRoutes } from './saved-screens.routes';
import { screensRoutes } from './screens.routes';
import { sparklinesRoutes } from './sparklines.routes';
import { universesRoutes } from './universes.routes';
import { watchlistsRoutes } from './watchlists.routes';

/** Every /screener route (registered once in http/api-routes.ts). */
export function screenerRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(universesRoutes(ctx));
    await app.register(screensRoutes(ctx));
    await app.register(savedScreensRoutes(ctx));
    await app.register(watchlistsRoutes(ctx));
    await app.register(sparklinesRoutes(ctx));
  };
}
