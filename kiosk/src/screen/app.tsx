/**
 * The public waiting-room screen: today's and this month's satisfaction rate
 * against the target, and each counter's, in type large enough for a TV
 * across the room. Read-only, no login. It shows only what the server's
 * public DTO carries (figures, counter names, the office's name): there is no
 * comment, officer or citizen data to show.
 *
 * Live: the `/screen` socket pushes a fresh DTO after each rating; the figures
 * are also re-read every few minutes (a new day starts at zero even when
 * nobody rates). A screen switched off in the settings reloads, and the
 * server then answers with its "not switched on" page.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { screenMessages, type ScreenMessages } from '../../../shared/i18n/screen';
import { pick, type Locale } from '../../../shared/local-text';
import { formatPercent } from '../../../shared/satisfaction';
import type { PublicScreen, ScreenFigures } from '../../../shared/api/public-screen';
import { SCREEN_NAMESPACE } from '../../../shared/screen-protocol';
import { SOCKET_PATH } from '../../../shared/kiosk-protocol';
import { SioSocket } from '../net/sio-socket';
import { socketUrl } from '../net/sio-codec';

const REFRESH_MS = 5 * 60_000;
/**
 * Counters per page at most: more than this and the list turns its pages by
 * itself (a TV has no scroll bar). Fewer when long names wrap and the rows
 * do not fit the card (measured after each render, see `perPage`).
 */
export const COUNTERS_PER_PAGE = 8;
const PAGE_TURN_MS = 12_000;
const RETRY_MS = 10_000;
/** After a refused handshake or a server disconnect, ask again this much later. */
const RELOAD_AFTER_REFUSAL_MS = 5_000;

type Load = { kind: 'loading' } | { kind: 'failed' } | { kind: 'ready'; screen: PublicScreen };

const fill = (s: string, v: Record<string, string | number>): string => s.replace(/\{(\w+)\}/g, (_, k: string) => String(v[k] ?? ''));

function codeFromPath(): string {
  const m = /^\/screen\/([^/?#]+)/.exec(location.pathname);
  return m ? decodeURIComponent(m[1]) : '';
}

function initialLocale(): Locale {
  const q = new URLSearchParams(location.search).get('lang');
  return q === 'en' ? 'en' : 'vi';
}

async function fetchScreen(code: string): Promise<PublicScreen | 'gone' | null> {
  try {
    const res = await fetch(`/api/v1/public/screens/${encodeURIComponent(code)}`, { headers: { accept: 'application/json' }, cache: 'no-store' });
    if (res.status === 403 || res.status === 404) return 'gone';
    if (!res.ok) return null;
    return (await res.json()) as PublicScreen;
  } catch {
    return null;
  }
}

/** Newer wins: two nodes may push out of order. */
const newer = (a: PublicScreen | null, b: PublicScreen): PublicScreen => (a && Date.parse(a.at) > Date.parse(b.at) && a.day === b.day ? a : b);

export function ScreenApp() {
  const [locale, setLocale] = useState<Locale>(initialLocale);
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [live, setLive] = useState(false);
  const [page, setPage] = useState(0);
  const m = screenMessages[locale];
  const counterCount = load.kind === 'ready' ? (load.screen.counters?.length ?? 0) : 0;
  // Rows per page: shrunk by one while the counters card overflows (long
  // names wrap to two or three lines), started again when the window or the
  // language changes.
  const [perPage, setPerPage] = useState(COUNTERS_PER_PAGE);
  const countersRef = useRef<HTMLElement>(null);
  useLayoutEffect(() => {
    const el = countersRef.current;
    if (el && perPage > 1 && el.scrollHeight > el.clientHeight + 1) setPerPage(perPage - 1);
  });
  useEffect(() => setPerPage(COUNTERS_PER_PAGE), [locale]);
  useEffect(() => {
    const again = () => setPerPage(COUNTERS_PER_PAGE);
    window.addEventListener('resize', again);
    return () => window.removeEventListener('resize', again);
  }, []);
  const pages = Math.max(1, Math.ceil(counterCount / perPage));

  useEffect(() => {
    if (pages <= 1) return setPage(0);
    const timer = setInterval(() => setPage((p) => (p + 1) % pages), PAGE_TURN_MS);
    return () => clearInterval(timer);
  }, [pages]);
  const code = codeFromPath();

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = m.title;
  }, [locale]);

  useEffect(() => {
    let stopped = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const show = (s: PublicScreen) => setLoad((cur) => ({ kind: 'ready', screen: newer(cur.kind === 'ready' ? cur.screen : null, s) }));
    const refresh = async () => {
      const r = await fetchScreen(code);
      if (stopped) return;
      if (r === 'gone') return location.reload();
      if (r) show(r);
      else {
        setLoad((cur) => (cur.kind === 'ready' ? cur : { kind: 'failed' }));
        clearTimeout(retry);
        retry = setTimeout(() => void refresh(), RETRY_MS);
      }
    };
    void refresh();
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    const socket = new SioSocket({
      url: socketUrl(location.origin, SOCKET_PATH),
      namespace: SCREEN_NAMESPACE,
      auth: () => ({ code }),
      handlers: {
        connect: () => setLive(true),
        disconnect: (reason) => {
          setLive(false);
          // Let go by the server (switched off, or the server stopping): ask over HTTP before anything else.
          if (reason === 'io server disconnect') later(recheck, RELOAD_AFTER_REFUSAL_MS);
        },
        connectError: () => {
          setLive(false);
          later(recheck, RELOAD_AFTER_REFUSAL_MS);
        },
        event: (name, args) => {
          if (name === 'screen:update' && args[0] && typeof args[0] === 'object') show(args[0] as PublicScreen);
          else if (name === 'screen:off') location.reload();
        },
      },
    });
    /**
     * Never reload into a browser error page: only when the server itself
     * says the screen is gone (off, or its code changed) does the page
     * reload, to the server's own page. A server that is down is waited for.
     */
    async function recheck() {
      const r = await fetchScreen(code);
      if (stopped) return;
      if (r === 'gone') return location.reload();
      if (r) show(r);
      socket.connect();
    }
    const timers = new Set<ReturnType<typeof setTimeout>>();
    function later(fn: () => void, ms: number) {
      const id = setTimeout(() => {
        timers.delete(id);
        fn();
      }, ms);
      timers.add(id);
    }
    return () => {
      stopped = true;
      clearInterval(timer);
      clearTimeout(retry);
      for (const id of timers) clearTimeout(id);
      socket.close();
    };
  }, [code]);

  const toggle = (
    <button type="button" class="lang" onClick={() => setLocale((l) => (l === 'vi' ? 'en' : 'vi'))} aria-label={m.switchLanguageHint} lang={locale === 'vi' ? 'en' : 'vi'}>
      {m.switchLanguage}
    </button>
  );

  if (load.kind !== 'ready') {
    return (
      <main class="screen screen-wait" data-screen={load.kind}>
        <p class="wait">{load.kind === 'loading' ? m.loading : m.failed}</p>
        {toggle}
      </main>
    );
  }
  const s = load.screen;
  const other = screenMessages[locale === 'vi' ? 'en' : 'vi'];
  const target = formatPercent(s.target, locale).replace(/[,.]00%$/, '%');
  const [year, month] = s.day.split('-');
  const monthLabel = `${Number(month)}/${year}`;
  const cards = [
    s.today && { key: 'today', label: m.today, sub: other.today, f: s.today },
    s.month && { key: 'month', label: fill(m.month, { month: monthLabel }), sub: fill(other.month, { month: monthLabel }), f: s.month },
  ].filter((c): c is { key: string; label: string; sub: string; f: ScreenFigures } => !!c);
  const shown = s.counters ? s.counters.slice((page % pages) * perPage, (page % pages + 1) * perPage) : [];
  const time = new Date(s.at).toLocaleTimeString(locale === 'vi' ? 'vi-VN' : 'en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Ho_Chi_Minh' });

  return (
    <main class={`screen cards-${cards.length}${s.counters ? ' with-counters' : ''}`} data-screen="ready">
      <header class="top">
        <div class="who">
          <p class="org">{pick(s.organisation, locale)}</p>
          <h1>
            {m.title}
            {s.unit ? <span class="unit"> — {pick(s.unit, locale)}</span> : null}
          </h1>
          <p class="sub" lang={locale === 'vi' ? 'en' : 'vi'}>
            {other.title}
          </p>
        </div>
        <div class="meta">
          <p class="target-chip" data-testid="target">
            {fill(m.target, { target })}
          </p>
          {toggle}
        </div>
      </header>

      {cards.length > 0 && (
        <section class="cards" aria-label={s.unit ? pick(s.unit, locale) : m.wholeOffice}>
          {cards.map((c) => (
            <HeadlineCard key={c.key} id={c.key} label={c.label} sub={c.sub} f={c.f} m={m} target={target} minSample={s.minSample} locale={locale} />
          ))}
        </section>
      )}

      {s.counters && (
        <section class="counters" aria-labelledby="counters-h" data-testid="counters" ref={countersRef}>
          <h2 id="counters-h">
            {m.counters} <span class="sub-inline" lang={locale === 'vi' ? 'en' : 'vi'}>{other.counters}</span>
            {pages > 1 && (
              <span class="page-of" data-testid="page-of">
                {fill(m.pageOf, { page: (page % pages) + 1, pages })}
              </span>
            )}
          </h2>
          {s.counters.length === 0 ? (
            <p class="none">{m.noCounters}</p>
          ) : (
            <table class={shown.length > 6 ? 'dense' : ''}>
              <thead>
                <tr>
                  <th scope="col" class="name-col">{m.counter}</th>
                  {s.counters[0].today && <th scope="col">{m.today}</th>}
                  {s.counters[0].month && <th scope="col">{fill(m.month, { month: monthLabel })}</th>}
                </tr>
              </thead>
              <tbody>
                {shown.map((c) => (
                  <tr key={c.code} data-counter={c.code}>
                    <th scope="row" class="name-col">
                      {pick(c.name, locale)}
                    </th>
                    {c.today && <CounterCell f={c.today} m={m} locale={locale} />}
                    {c.month && <CounterCell f={c.month} m={m} locale={locale} />}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}

      <footer class="foot">
        <span class={`live ${live ? 'on' : 'off'}`} data-testid="live">
          {live ? m.live : m.reconnecting}
        </span>
        <span data-testid="updated">{fill(m.updated, { time })}</span>
        <span class="note">{m.footer}</span>
      </footer>
    </main>
  );
}

function HeadlineCard(p: { id: string; label: string; sub: string; f: ScreenFigures; m: ScreenMessages; target: string; minSample: number; locale: Locale }) {
  const { f, m } = p;
  const tone = f.meetsTarget === null ? 'none' : f.meetsTarget ? 'ok' : 'low';
  return (
    <article class={`card tone-${tone}`} data-testid={`card-${p.id}`}>
      <h2>
        {p.label} <span class="sub-inline" lang={p.locale === 'vi' ? 'en' : 'vi'}>{p.sub}</span>
      </h2>
      {f.enough ? (
        <p class="rate" data-testid={`rate-${p.id}`}>
          {formatPercent(f.rate, p.locale)}
          <span class="rate-word">{m.satisfied}</span>
        </p>
      ) : (
        <p class="rate rate-none" data-testid={`rate-${p.id}`}>
          {f.n === 0 ? m.noRatings : m.notEnough}
        </p>
      )}
      <p class="count" data-testid={`count-${p.id}`}>
        {fill(m.ratings, { n: f.n.toLocaleString(p.locale === 'vi' ? 'vi-VN' : 'en-GB') })}
      </p>
      <p class={`status status-${tone}`}>
        {f.meetsTarget === null ? (f.n === 0 ? fill(m.target, { target: p.target }) : fill(m.notEnoughLong, { min: p.minSample })) : fill(f.meetsTarget ? m.meets : m.below, { target: p.target })}
      </p>
    </article>
  );
}

function CounterCell(p: { f: ScreenFigures; m: ScreenMessages; locale: Locale }) {
  const { f, m } = p;
  const tone = f.meetsTarget === null ? 'none' : f.meetsTarget ? 'ok' : 'low';
  const n = fill(m.ratings, { n: f.n.toLocaleString(p.locale === 'vi' ? 'vi-VN' : 'en-GB') });
  return (
    <td class={`cell tone-${tone}`}>
      {f.enough ? <span class="cell-rate">{formatPercent(f.rate, p.locale)}</span> : <span class="cell-none">{m.cellNotEnough}</span>}
      <span class="cell-n">{n}</span>
    </td>
  );
}
