/**
 * Every action the server writes to the audit log has a label in the audit
 * screen's vi and en catalogs: the screen otherwise shows the raw code
 * ("bootstrap", "device.enrol", "alert.resolve") in the Vietnamese screen.
 * The actions are read from the server's source, where they are written as
 * literals (`action: '…'`, a service's audit helper, `alert.${verb}`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditMessages } from '../../admin/src/views/audit/messages';

const SERVER = path.resolve(import.meta.dirname, '..', '..', 'server');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

function recordedActions(): Set<string> {
  const found = new Set<string>();
  for (const file of sources(SERVER)) {
    const text = readFileSync(file, 'utf8');
    if (!/audit/i.test(text)) continue;
    // audit.record({ …, action: 'x' }) — not helmet's `xFrameOptions: { action: 'deny' }`.
    for (const m of text.matchAll(/audit\.record\(\{[^}]*?action: '([a-zA-Z.-]+)'/gs)) found.add(m[1]);
    // A service's own helper: this.audit(actor, 'x', …) / this.audited(caller, 'x', …) / this.pointPhoto(…, 'x').
    for (const m of text.matchAll(/this\.(?:audit|audited)\([^;]*?'([a-z][a-zA-Z-]*\.[a-zA-Z.-]+)'/g)) found.add(m[1]);
    for (const m of text.matchAll(/this\.pointPhoto\([^;]*?'([a-zA-Z.-]+)'\)/g)) found.add(m[1]);
  }
  // alerts.service.ts writes `alert.${verb}` for each verb it knows.
  for (const verb of ['acknowledge', 'resolve']) found.add(`alert.${verb}`);
  return found;
}

describe('audit screen labels', () => {
  it('finds the server’s actions (the scan itself works)', () => {
    const actions = recordedActions();
    for (const a of ['auth.login', 'bootstrap', 'device.enrol', 'response.accept', 'officer.photo-set']) expect(actions).toContain(a);
  });

  it('labels every recorded action in vi and en', () => {
    const missing = (lang: 'vi' | 'en') => [...recordedActions()].filter((a) => !(a in auditMessages[lang].audit.actions)).sort();
    expect(missing('vi')).toEqual([]);
    expect(missing('en')).toEqual([]);
  });

  it('each filter group of the screen (an action prefix) finds recorded actions', () => {
    const actions = [...recordedActions()];
    const empty = Object.keys(auditMessages.vi.audit.groups).filter((prefix) => !actions.some((a) => a.startsWith(prefix)));
    expect(empty).toEqual([]);
  });
});
