/**
 * User accounts (admin): GET /users, POST /users (temporary password in the
 * answer only), PATCH /users/:id, POST /users/:id/password-reset. And one's
 * own sessions (everyone): GET /me/sessions, DELETE /me/sessions/:id.
 */
import { request, seg, type CallOptions } from './http';
import type { OwnSessionList, PasswordResetResult, User, UserCreateBody, UserCreated, UserList, UserPatchBody } from '../types';

export const listUsers = (opts: CallOptions = {}): Promise<UserList> => request('/users', opts);

export const createUser = (body: UserCreateBody): Promise<UserCreated> => request('/users', { method: 'POST', json: body });

export const updateUser = (id: string, patch: UserPatchBody): Promise<User> => request(`/users/${seg(id)}`, { method: 'PATCH', json: patch });

export const resetPassword = (id: string): Promise<PasswordResetResult> => request(`/users/${seg(id)}/password-reset`, { method: 'POST' });

export const listOwnSessions = (opts: CallOptions = {}): Promise<OwnSessionList> => request('/me/sessions', opts);

export const endOwnSession = (id: string): Promise<void> => request(`/me/sessions/${seg(id)}`, { method: 'DELETE' });
