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
    /** True while the password is a temporary one: the user must change it before anything else. */
    mustChangePassword: z.boolean().optional(),
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

// ---- user management (admin only) -------------------------------------------
//   GET /users · POST /users · PATCH /users/:id · POST /users/:id/password-reset
//   GET /me/sessions · DELETE /me/sessions/:id

/** POST /users (admin): a unit head needs a unit; the others may not have one. The password is made by the server. */
export const UserCreateBodySchema = z
  .object({
    email: z.email().max(200),
    name: z.string().trim().min(1).max(120),
    role: RoleSchema,
    unitId: z.string().max(64).nullable().optional(),
  })
  .strict()
  .meta({ id: 'UserCreateBody' });
export type UserCreateBody = z.infer<typeof UserCreateBodySchema>;

/** PATCH /users/:id (admin): only the fields given change. `disabled: true` deactivates (never deletes) and ends the user's sessions. */
export const UserPatchBodySchema = z
  .object({
    name: z.string().trim().min(1).max(120).optional(),
    role: RoleSchema.optional(),
    unitId: z.string().max(64).nullable().optional(),
    disabled: z.boolean().optional(),
  })
  .strict()
  .meta({ id: 'UserPatchBody' });
export type UserPatchBody = z.infer<typeof UserPatchBodySchema>;

export const UserListSchema = z.object({ items: z.array(UserSchema) }).meta({ id: 'UserList' });
export type UserList = z.infer<typeof UserListSchema>;

/** A temporary password: shown once, in this answer only; the server keeps only its hash. */
export const TemporaryPasswordSchema = z.string().meta({ description: 'Mật khẩu tạm, chỉ hiện một lần — temporary password, shown once' });

export const UserCreatedSchema = z.object({ user: UserSchema, temporaryPassword: TemporaryPasswordSchema }).meta({ id: 'UserCreated' });
export type UserCreated = z.infer<typeof UserCreatedSchema>;

export const PasswordResetResultSchema = z.object({ user: UserSchema, temporaryPassword: TemporaryPasswordSchema }).meta({ id: 'PasswordResetResult' });
export type PasswordResetResult = z.infer<typeof PasswordResetResultSchema>;

/** One of the signed-in user's sessions. `id` is derived from the stored hash (never the cookie). */
export const OwnSessionSchema = z
  .object({ id: z.string(), expiresAt: IsoTimeSchema, current: z.boolean() })
  .meta({ id: 'OwnSession' });
export type OwnSession = z.infer<typeof OwnSessionSchema>;

export const OwnSessionListSchema = z.object({ items: z.array(OwnSessionSchema) }).meta({ id: 'OwnSessionList' });
export type OwnSessionList = z.infer<typeof OwnSessionListSchema>;
