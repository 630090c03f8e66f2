/**
 * Whether this browser has finished (or skipped) the first-run wizard. The
 * shell offers the wizard to an admin whose office has no units yet; once
 * finished it is not offered again here (Structure and Settings remain).
 */
const KEY = 'hl-admin-setup-done';

export function setupDone(): boolean {
  try {
    return localStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

export function markSetupDone(): void {
  try {
    localStorage.setItem(KEY, '1');
  } catch {
    // Private mode: the wizard may offer itself again, nothing worse.
  }
}
