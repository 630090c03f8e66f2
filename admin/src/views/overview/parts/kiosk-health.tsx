/**
 * Kiosk health on the overview (issue 12 item 7): how many kiosks are
 * online, which are silent while their counter is open, and the longest
 * outbox with the age of its oldest rating. The server scopes it (a unit
 * head: their unit's kiosks). Kiosk heartbeats are not pushed to dashboards,
 * so it is read again every minute — the pace at which kiosks report.
 */
import { useEffect, useState } from 'preact/hooks';
import { getKioskHealth } from '../../../api/stats';
import { formatHash } from '../../../router';
import type { KioskHealth } from '../../../types';
import { useOverviewSpeech } from '../speech';

const REFRESH_MS = 60_000;

export function KioskHealthCard({ canOpenKiosks, counterName }: { canOpenKiosks: boolean; counterName: (id: string) => string }) {
  const s = useOverviewSpeech();
  const { v, fill } = s;
  const k = v.kioskHealth;
  const [health, setHealth] = useState<KioskHealth | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    const read = () =>
      getKioskHealth().then(
        (h) => {
          if (!live) return;
          setHealth(h);
          setFailed(false);
        },
        () => live && setFailed(true),
      );
    void read();
    const timer = setInterval(read, REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);

  const age = (ms: number) => {
    const minutes = Math.floor(ms / 60_000);
    if (minutes < 1) return k.underMinute;
    if (minutes < 60) return fill(k.minutes, { n: s.num(minutes) });
    const hours = Math.floor(minutes / 60);
    if (hours < 48) return fill(k.hours, { n: s.num(hours) });
    return fill(k.days, { n: s.num(Math.floor(hours / 24)) });
  };

  return (
    <section class="card kiosk-health" aria-labelledby="kh-title" data-testid="kiosk-health">
      <h2 id="kh-title" class="card-title">
        {k.title}
      </h2>
      {!health ? (
        <p class="muted">{failed ? k.failed : s.m.loading}</p>
      ) : health.total === 0 ? (
        <p class="muted" data-testid="kh-none">
          {k.none}
        </p>
      ) : (
        <>
          <dl class="kh-figures">
            <div>
              <dt>{k.online}</dt>
              <dd data-testid="kh-online">{fill(k.onlineOf, { n: s.num(health.online), total: s.num(health.total) })}</dd>
            </div>
            <div>
              <dt>{fill(k.silent, { minutes: s.num(health.silentMinutes) })}</dt>
              <dd data-testid="kh-silent" class={health.silent.length ? 'kh-bad' : undefined}>
                {health.silent.length === 0 ? k.silentNone : s.num(health.silent.length)}
              </dd>
            </div>
            <div>
              <dt>{k.outbox}</dt>
              <dd data-testid="kh-outbox" class={health.longestOutbox ? 'kh-warn' : undefined}>
                {health.longestOutbox
                  ? fill(k.outboxOf, { n: s.num(health.longestOutbox.outbox), age: age(health.longestOutbox.oldestQueuedMs), name: health.longestOutbox.name })
                  : k.outboxEmpty}
              </dd>
            </div>
          </dl>
          {health.silent.length > 0 && (
            <ul class="kh-silent-list small" data-testid="kh-silent-list">
              {health.silent.map((d) => (
                <li key={d.deviceId}>
                  {d.name} · {counterName(d.servicePointId)} · {d.lastSeenAt ? fill(k.lastSeen, { time: s.time(d.lastSeenAt) }) : k.neverSeen}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {canOpenKiosks && (
        <p class="small">
          <a href={formatHash({ view: 'kiosks', params: {} })} data-testid="kh-link">
            {k.open}
          </a>
        </p>
      )}
    </section>
  );
}
