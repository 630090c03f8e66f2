/** Sign-in, sign-out and who is signed in: POST /auth/login, POST /auth/logout, GET /me. */
import { request, type CallOptions } from './http';
import type { LoginResult, Me } from '../types';

/** Sets the httpOnly session cookie. A 401 here is a wrong password, not a lost session. */
export const login = (email: string, password: string): Promise<LoginResult> =>
  request('/auth/login', { method: 'POST', json: { email, password }, quiet401: true });

export const logout = (): Promise<void> => request('/auth/logout', { method: 'POST', quiet401: true });

/** POST /me/password: the caller's own password; the field errors name `currentPassword` or `newPassword`. */
export const changeMyPassword = (currentPassword: string, newPassword: string): Promise<void> =>
  request('/me/password', { method: 'POST', json: { currentPassword, newPassword } });

/** `quiet401`: on page load a 401 only means "not signed in yet". */
export const getMe = (opts: CallOptions & { quiet401?: boolean } = {}): Promise<Me> => request('/me', opts);
