import type { Command } from 'commander';
import { loadConfig } from '../config/load-config';
import { loadDemoData } from '../modules/instruments/demo-data.service';
import { loadDemoUniverse } from '../modules/screener/demo-universe.service';
import { loadDemoToken } from '../modules/memecoins/demo-token.service';
import { withLocalPlatform } from './local-platform';
import { withCliErrors } from './with-cli-errors';
import { exitCodes, LOCAL_DATABASE } from './exit-codes';

export function registerDemoDataCommand(program: Command): void {
  const command = program
    .command('demo-data')
    .description(
      "Load the synthetic demo instruments and the screener's synthetic universe and Meme Radar's synthetic token (labelled SYNTHETIC); safe to run again",
    )
    .option('--json', 'print a machine-readable summary (errors too: { error: { code, message, exitCode } })')
    .action(
      withCliErrors(async (opts: { json?: boolean }) => {
        const { results, universe, token } = await withLocalPlatform(loadConfig(), async (ctx) => ({
          results: await loadDemoData(ctx),
          universe: await loadDemoUniverse(ctx),
          token: await loadDemoToken(ctx),
        }));
        if (opts.json) {
          process.stdout.write(`${JSON.stringify({ instruments: results, universe, token })}\n`);
          return;
        }
        for (const r of results) {
          process.stdout.write(`${r.symbol} ${r.timeframe}: ${r.bars} synthetic bars (${r.inserted} new)\n`);
        }
        process.stdout.write(
          `${universe.name}: ${universe.members} members of ${universe.companies} synthetic companies, ` +
            `${universe.barsInserted} new bars, ${universe.snapshots} new snapshots (latest ${universe.asOf})\n`,
        );
        process.stdout.write(
          token.created
            ? `${token.symbol}: synthetic token with ${token.transfers} transfers, ${token.posts} posts, ` +
                `${token.assessments} assessments\n`
            : `${token.symbol}: already there\n`,
        );
      }),
    );
  exitCodes(command, LOCAL_DATABASE);
}
