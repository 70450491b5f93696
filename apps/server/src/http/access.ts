import type { Role } from '@marketlens/contracts';

/**
 * Every route declares who may call it in its `config.access`: 'public' or the lowest role allowed.
 * A route without it fails start-up (see app.ts), and test/rbac.test.ts walks every registered route.
 */
export type Access = 'public' | Role;

/** Who is calling, set by the authentication hook from a JWT or an API key. */
export interface Principal {
  userId: string;
  email: string;
  role: Role;
  via: 'jwt' | 'api-key';
  apiKeyId?: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    principal?: Principal;
  }
}
