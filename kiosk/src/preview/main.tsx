/**
 * Read-only preview of one survey version, as the counter kiosk and as the
 * QR page show it (issue 11 item 11), for the admin's survey screen, which
 * shows this page in an iframe (served with frame-ancestors 'self').
 *
 * It renders the real screens — the kiosk's RatingScreen and FollowUpScreen,
 * the QR page's steps (buildSteps) and question controls — with the real
 * styles, from GET /api/v1/surveys/:id (the admin's session cookie). Nothing
 * is ever submitted: presses only move between screens.
 *
 * Address: preview.html?version=<id>&view=kiosk|qr&lang=vi|en
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Locale } from '../../../shared/local-text';
import type { SurveyVersionDetail } from '../../../shared/api/surveys';
import type { Organisation } from '../../../shared/api/organisation';
import { previewWords } from './words';
import { KioskPreview } from './kiosk-preview';
import { QrPreview } from './qr-preview';

const params = new URLSearchParams(location.search);
const versionId = params.get('version') ?? '';
const view = params.get('view') === 'qr' ? 'qr' : 'kiosk';
const locale: Locale = params.get('lang') === 'en' ? 'en' : 'vi';

/** Each view takes its page's own styles, so the preview looks exactly like the page. */
async function loadStyles(): Promise<void> {
  if (view === 'kiosk') {
    await import('../styles.css');
    return;
  }
  // The QR page keeps its styles inline in survey.html (one request less on a phone): take them from there.
  const html = await (await fetch('/kiosk/survey.html', { credentials: 'same-origin' })).text();
  const css = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
  const style = document.createElement('style');
  style.textContent = css;
  document.head.appendChild(style);
}

type Loaded = { version: SurveyVersionDetail; org: Organisation | null };

function Preview() {
  const w = previewWords(locale);
  const [data, setData] = useState<Loaded | null | 'failed'>(null);
  useEffect(() => {
    document.documentElement.lang = locale;
    const get = (path: string) => fetch(path, { credentials: 'same-origin' }).then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))));
    Promise.all([get(`/api/v1/surveys/${encodeURIComponent(versionId)}`), get('/api/v1/organisation').catch(() => null), loadStyles()]).then(
      ([version, org]) => setData({ version: version as SurveyVersionDetail, org: org as Organisation | null }),
      () => setData('failed'),
    );
  }, []);
  if (data === null) return null;
  if (data === 'failed') return <p style={{ padding: '24px', font: '16px system-ui' }}>{w.loadFailed}</p>;
  return view === 'kiosk' ? <KioskPreview detail={data.version} org={data.org} locale={locale} /> : <QrPreview detail={data.version} org={data.org} locale={locale} />;
}

render(<Preview />, document.getElementById('app')!);
