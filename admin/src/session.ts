/**
 * Who is signed in. GET /me on load; POST /auth/login sets the httpOnly
 * session cookie; any 401 later means the session ended and the login screen
 * returns with a plain explanation.
 */
import { useEffect, useState } from 'preact/hooks';
import { ApiError, onUnauthorized } from './api/http';
import { getMe, login as postLogin, logout as postLogout } from './api/auth';
import type { User } from './types';

export type LoginProblem = 'wrong' | 'tooMany' | 'invalid' | 'offline' | 'failed';

export type Session =
  | { state: 'loading' }
  | { state: 'anon'; expired: boolean }
  | { state: 'user'; user: User };

export function problemOf(err: unknown): LoginProblem {
  if (!(err instanceof ApiError)) return 'failed';
  if (err.status === 0) return 'offline';
  if (err.status === 401) return 'wrong';
  if (err.status === 429) return 'tooMany';
  if (err.status === 400) return 'invalid';
  return 'failed';
}

export function useSession(): {
  session: Session;
  login: (email: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
  /** After the temporary password was replaced: the dashboard opens. */
  passwordChanged: () => void;
} {
  const [session, setSession] = useState<Session>({ state: 'loading' });

  useEffect(() => {
    let live = true;
    getMe({ quiet401: true }).then(
      ({ user }) => live && setSession({ state: 'user', user }),
      () => live && setSession({ state: 'anon', expired: false }),
    );
    const off = onUnauthorized(() => setSession((s) => (s.state === 'user' ? { state: 'anon', expired: true } : s)));
    return () => {
      live = false;
      off();
    };
  }, []);

  return {
    session,
    async login(email, password) {
      const { user } = await postLogin(email, password);
      setSession({ state: 'user', user });
    },
    passwordChanged() {
      setSession((s) => (s.state === 'user' ? { state: 'user', user: { ...s.user, mustChangePassword: false } } : s));
    },
    async logout() {
      await postLogout().catch(() => undefined);
      setSession({ state: 'anon', expired: false });
    },
  };
}
