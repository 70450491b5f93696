import type { Role } from '@marketlens/contracts';
import type { AppContext } from '../src/context';
import { hashPassword } from '../src/modules/auth/password';
import { createAccessTokens } from '../src/modules/auth/tokens';
import { insertUser, type UserRow } from '../src/modules/auth/users.store';

// For tests (route, RBAC): real users in the real database with a real signed access token.

export interface FixtureUser {
  user: UserRow;
  password: string;
  accessToken: string;
  authorization: { authorization: string };
}

let counter = 0;

export async function createFixtureUser(ctx: Pick<AppContext, 'db' | 'config'>, role: Role): Promise<FixtureUser> {
  counter += 1;
  const password = `fixture-password-${role}-${counter}`;
  const user = await insertUser(ctx.db.orm, {
    email: `${role}-${counter}-${Date.now()}@example.com`,
    passwordHash: await hashPassword(password),
    role,
  });
  const accessToken = await createAccessTokens(ctx.config.auth).sign({ userId: user.id, email: user.email, role });
  return { user, password, accessToken, authorization: { authorization: `Bearer ${accessToken}` } };
}
