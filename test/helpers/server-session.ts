/**
 * The start most integration files share: one real test server for the file
 * and the fixture admin's session cookie (`s.login()`).
 */
import { startTestServer, type TestServer } from './test-server';

export async function startWithAdmin(env: Record<string, string> = {}): Promise<{ s: TestServer; admin: string }> {
  const s = await startTestServer(env);
  return { s, admin: await s.login() };
}

/**
 * A second account made straight in the store (no temporary password, so no
 * forced change) and its session cookie: for tests about what another role
 * or unit may do, not about how accounts are made.
 */
export async function accountSession(
  s: TestServer,
  user: { email: string; role: 'admin' | 'manager' | 'unit-head'; unitId?: string; name?: string },
  password = 'account-pass-123',
): Promise<string> {
  await s.ctx.auth.createUser({ orgId: 'org-main', email: user.email, name: user.name ?? user.email, role: user.role, unitId: user.unitId, password });
  return s.login(user.email, password);
}
