import { z } from 'zod';
import { isoDateTime, roleSchema } from './common.schema';

export const passwordSchema = z.string().min(10, 'must be at least 10 characters').max(200);
export const emailSchema = z.email().max(254);

export const loginRequestSchema = z.object({ email: emailSchema, password: z.string().min(1).max(200) });
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const userSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  role: roleSchema,
  disabled: z.boolean(),
  createdAt: isoDateTime,
  lastLoginAt: isoDateTime.nullable(),
});
export type User = z.infer<typeof userSchema>;

export const tokenResponseSchema = z.object({
  accessToken: z.string(),
  /** Seconds until the access token expires. */
  expiresIn: z.number().int(),
  refreshToken: z.string(),
  user: userSchema,
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

export const refreshRequestSchema = z.object({ refreshToken: z.string().min(1) });
export const logoutRequestSchema = refreshRequestSchema;

/** First-run setup: allowed only while no user exists; that user becomes admin. */
export const setupRequestSchema = z.object({ email: emailSchema, password: passwordSchema });
export const setupStatusSchema = z.object({ needsSetup: z.boolean() });

export const createUserRequestSchema = z.object({ email: emailSchema, password: passwordSchema, role: roleSchema });
export type CreateUserRequest = z.infer<typeof createUserRequestSchema>;
export const updateUserRequestSchema = z
  .object({ role: roleSchema.optional(), disabled: z.boolean().optional(), password: passwordSchema.optional() })
  .refine((v) => Object.keys(v).length > 0, 'at least one field is required');
export const userListSchema = z.object({ users: z.array(userSchema) });

export const apiKeySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  role: roleSchema,
  userId: z.uuid(),
  createdAt: isoDateTime,
  lastUsedAt: isoDateTime.nullable(),
  expiresAt: isoDateTime.nullable(),
  revokedAt: isoDateTime.nullable(),
});
export type ApiKey = z.infer<typeof apiKeySchema>;
export const createApiKeyRequestSchema = z.object({
  name: z.string().trim().min(1).max(100),
  role: roleSchema,
  expiresInDays: z.number().int().positive().max(3650).optional(),
});
export type CreateApiKeyRequest = z.infer<typeof createApiKeyRequestSchema>;
/** The secret is returned once, at creation, and never again. */
export const createdApiKeySchema = z.object({ apiKey: apiKeySchema, secret: z.string() });
export const apiKeyListSchema = z.object({ apiKeys: z.array(apiKeySchema) });
