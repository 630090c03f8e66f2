/**
 * The start most integration files share: one real test server for the file
 * and the fixture admin's session cookie (`s.login()`).
 */
import { startTestServer, type TestServer } from './test-server';

export async function startWithAdmin(env: Record<string, string> = {}): Promise<{ s: TestServer; admin: string }> {
  const s = await startTestServer(env);
  return { s, admin: await s.login() };
}
