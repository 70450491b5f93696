import { Option, type Command } from 'commander';
import { createUserRequestSchema } from '@marketlens/contracts';
import { loadConfig } from '../config/load-config';
import { HttpError } from '../http/http-errors';
import { generatePassword } from '../modules/auth/password';
import { createUser } from '../modules/auth/users.service';
import { CliError } from './cli-error';
import { withLocalPlatform } from './local-platform';
import { withCliErrors } from './with-cli-errors';
import { exitCodes, LOCAL_DATABASE } from './exit-codes';

export function registerUsersCommand(program: Command): void {
  const users = program.command('users').description('Manage users');
  const command = users
    .command('create')
    .description('Create a user; without --password a strong one is generated and printed once')
    .requiredOption('--email <email>', 'login email')
    .addOption(new Option('--role <role>', 'role').choices(['admin', 'analyst', 'viewer']).makeOptionMandatory())
    .option('--password <password>', 'password (at least 10 characters); prefer the generated one')
    .option('--json', 'print a machine-readable summary (errors too: { error: { code, message, exitCode } })')
    .action(
      withCliErrors(async (opts: { email: string; role: string; password?: string; json?: boolean }) => {
        const password = opts.password ?? generatePassword();
        const request = createUserRequestSchema.safeParse({ email: opts.email, role: opts.role, password });
        if (!request.success) {
          const issue = request.error.issues[0];
          throw new CliError(`--${String(issue?.path[0] ?? 'input')}: ${issue?.message ?? 'invalid'}`, 64);
        }
        const user = await withLocalPlatform(loadConfig(), (ctx) =>
          createUser(ctx.db.orm, request.data, {}).catch((err: unknown) => {
            if (err instanceof HttpError) throw new CliError(err.message, 65);
            throw err;
          }),
        );
        const generated = opts.password === undefined ? password : undefined;
        if (opts.json) {
          process.stdout.write(`${JSON.stringify({ user, ...(generated ? { password: generated } : {}) })}\n`);
          return;
        }
        process.stdout.write(`Created ${user.role} ${user.email} (${user.id})\n`);
        if (generated) process.stdout.write(`Password (shown once): ${generated}\n`);
      }),
    );
  exitCodes(command, { ...LOCAL_DATABASE, INVALID_INPUT: 'the user cannot be created (e.g. the email is taken)' });
}
