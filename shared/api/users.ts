/**
 * Admin accounts and the session: POST /auth/login, POST /auth/logout, GET /me.
 * The session is an httpOnly cookie (`hl_session`); no password hash ever leaves the server.
 */
import { z } from 'zod';
import { IsoTimeSchema } from './common';

export const ROLES = ['admin', 'manager', 'unit-head'] as const;
export const RoleSchema = z.enum(ROLES).meta({ id: 'Role', description: 'admin = quản trị, manager = lãnh đạo/văn phòng, unit-head = trưởng phòng (chỉ đơn vị mình)' });
export type Role = z.infer<typeof RoleSchema>;

export const UserSchema = z
  .object({
    id: z.string(),
    orgId: z.string(),
    email: z.string(),
    name: z.string(),
    role: RoleSchema,
    /** Set for unit heads: the only unit they may see. */
    unitId: z.string().nullable(),
    disabled: z.boolean(),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof UserSchema>;

export const MeSchema = z.object({ user: UserSchema }).meta({ id: 'Me' });
export type Me = z.infer<typeof MeSchema>;

export const LoginBodySchema = z.object({ email: z.email().max(200), password: z.string().min(1).max(200) }).meta({ id: 'LoginBody' });
export type LoginBody = z.infer<typeof LoginBodySchema>;

/**
 * POST /me/password: the caller's own password. The new one is checked on the
 * server (at least 10 characters, not a common password); a refusal names
 * `newPassword` or `currentPassword` in `error.details`.
 */
export const PasswordChangeBodySchema = z
  .object({ currentPassword: z.string().min(1).max(200), newPassword: z.string().min(1).max(200) })
  .meta({ id: 'PasswordChangeBody' });
export type PasswordChangeBody = z.infer<typeof PasswordChangeBodySchema>;

/** Also sets the session cookie. */
export const LoginResultSchema = z.object({ user: UserSchema, expiresAt: IsoTimeSchema }).meta({ id: 'LoginResult' });
export type LoginResult = z.infer<typeof LoginResultSchema>;
