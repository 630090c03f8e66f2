/**
 * The password policy, applied wherever a password is set (the first admin's
 * from the environment, createUser, POST /me/password): at least 10
 * characters and not in the bundled list of common passwords
 * (common-passwords.txt beside this file says where it comes from). Length
 * beats composition rules (NIST SP 800-63B): no "one digit, one symbol".
 */
import { readFileSync } from 'node:fs';
import { fromRoot } from '../project-root';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;
// From the project root, not import.meta: the compiled server is one bundle elsewhere (project-root.ts).
export const COMMON_PASSWORDS_FILE = fromRoot('server', 'domain', 'common-passwords.txt');

let common: Set<string> | null = null;
/** Read once, on first use (~1,600 lines). */
function commonPasswords(): Set<string> {
  common ??= new Set(
    readFileSync(COMMON_PASSWORDS_FILE, 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#')),
  );
  return common;
}

/**
 * Why this password is refused (Vietnamese, then English), or null when it is
 * acceptable. `email`: the account's, which is refused as its own password.
 */
export function passwordProblem(password: string, ctx: { email?: string } = {}): string | null {
  const length = [...password].length; // characters, not UTF-16 units: "mật khẩu" counts as 8
  if (length < PASSWORD_MIN_LENGTH) return `Mật khẩu cần ít nhất ${PASSWORD_MIN_LENGTH} ký tự / at least ${PASSWORD_MIN_LENGTH} characters`;
  if (length > PASSWORD_MAX_LENGTH) return `Mật khẩu dài quá ${PASSWORD_MAX_LENGTH} ký tự / at most ${PASSWORD_MAX_LENGTH} characters`;
  const lower = password.trim().toLowerCase();
  if (commonPasswords().has(lower)) return 'Mật khẩu này quá phổ biến, dễ bị đoán / this password is too common to be safe';
  const email = ctx.email?.toLowerCase();
  if (email && (lower === email || lower === email.split('@')[0])) return 'Mật khẩu không được trùng e-mail / the password must not be the e-mail';
  return null;
}
