import { Option, type Command } from 'commander';
import { createApiKeyRequestSchema } from '@marketlens/contracts';
import { loadConfig } from '../config/load-config';
import { HttpError } from '../http/http-errors';
import { createApiKey } from '../modules/auth/api-keys.service';
import { findUserByEmail } from '../modules/auth/users.store';
import { CliError } from './cli-error';
import { withLocalPlatform } from './local-platform';
import { withCliErrors } from './with-cli-errors';
import { exitCodes, LOCAL_DATABASE } from './exit-codes';

interface CreateKeyOptions {
  email: string;
  name: string;
  role: string;
  expiresInDays?: string;
  json?: boolean;
}

export function registerApiKeysCommand(program: Command): void {
  const keys = program.command('apikeys').description('Manage API keys');
  const command = keys
    .command('create')
    .description("Create an API key for a user (its role is capped at the user's); the key is printed once")
    .requiredOption('--email <email>', 'owner of the key')
    .requiredOption('--name <name>', 'what the key is for, e.g. "nightly import"')
    .addOption(
      new Option('--role <role>', 'role the key acts as').choices(['admin', 'analyst', 'viewer']).makeOptionMandatory(),
    )
    .option('--expires-in-days <days>', 'expiry in days (default: never)')
    .option('--json', 'print a machine-readable summary (errors too: { error: { code, message, exitCode } })')
    .action(
      withCliErrors(async (opts: CreateKeyOptions) => {
        const request = createApiKeyRequestSchema.safeParse({
          name: opts.name,
          role: opts.role,
          expiresInDays: opts.expiresInDays === undefined ? undefined : Number(opts.expiresInDays),
        });
        if (!request.success) {
          const issue = request.error.issues[0];
          throw new CliError(`--${String(issue?.path[0] ?? 'input')}: ${issue?.message ?? 'invalid'}`, 64);
        }
        const created = await withLocalPlatform(loadConfig(), async (ctx) => {
          const owner = await findUserByEmail(ctx.db.orm, opts.email);
          if (!owner) throw new CliError(`no user with email ${opts.email}`, 67);
          if (owner.disabled) throw new CliError(`user ${opts.email} is disabled`, 65);
          const principal = { userId: owner.id, email: owner.email, role: owner.role, via: 'jwt' as const };
          return createApiKey(ctx.db.orm, principal, request.data, { actorId: owner.id }).catch((err: unknown) => {
            if (err instanceof HttpError) throw new CliError(err.message, 65);
            throw err;
          });
        });
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(created)}\n`);
          return;
        }
        process.stdout.write(
          `Created ${created.apiKey.role} key "${created.apiKey.name}" for ${opts.email}\n` +
            `Key (shown once; send it as X-API-Key): ${created.secret}\n`,
        );
      }),
    );
  exitCodes(command, {
    ...LOCAL_DATABASE,
    INVALID_INPUT: "the key cannot be created (owner disabled, or a role above the owner's)",
    NO_USER: 'no user has that --email',
  });
}
