import { z } from 'zod';

/** Every error answer has this shape; `details` carries field-level problems (path + message) or rejected lines. */
export const errorResponseSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

export const roleSchema = z.enum(['admin', 'analyst', 'viewer']);
export type Role = z.infer<typeof roleSchema>;
/** Rank order: a higher role can do everything a lower one can. */
export const ROLE_RANK: Record<Role, number> = { viewer: 1, analyst: 2, admin: 3 };

export const isoDateTime = z.iso.datetime({ offset: true });
export const uuidParamSchema = z.object({ id: z.uuid() });
export const okResponseSchema = z.object({ ok: z.literal(true) });

export const timeframeSchema = z.enum(['1m', '5m', '15m', '30m', '1h', '4h', '1d', '1w']);
export type Timeframe = z.infer<typeof timeframeSchema>;
