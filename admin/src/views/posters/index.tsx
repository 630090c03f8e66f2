/**
 * QR posters (every role; a unit head sees their unit's counters): each
 * counter's QR with its poster to view and print, SVG / PNG downloads, and
 * "print all" — one server page with an A4 sheet per counter. A clear warning
 * while PUBLIC_URL points at this machine (phones could not open the codes).
 */
import './styles.css';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { useViewSpeech } from '../../i18n';
import { useAppData } from '../../store';
import type { ViewProps } from '../view';
import { postersMessages } from './messages';
import { allPostersUrl, listServicePoints, posterUrl, qrPngUrl, qrSvgUrl } from '../../api/service-points';
import type { ServicePoint } from '../../types';

/** An address a citizen's phone cannot reach (as the server judges it for the poster's own warning). */
export function isLocalAddress(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || /^127\./.test(host) || host === '0.0.0.0';
  } catch {
    return true;
  }
}

export default function PostersView({ user, params, setParams }: ViewProps) {
  const { v, fill, local } = useViewSpeech(postersMessages);
  const { organisation, units } = useAppData();
  const [counters, setCounters] = useState<ServicePoint[] | null>(null);
  const [failed, setFailed] = useState(false);
  const unitId = params.unit && units.some((u) => u.id === params.unit) ? params.unit : '';

  const load = useCallback(() => {
    setFailed(false);
    listServicePoints().then(
      (r) => setCounters(r.items.filter((c) => c.active !== false).sort((a, b) => a.code.localeCompare(b.code, 'vi', { numeric: true }))),
      () => setFailed(true),
    );
  }, []);
  useEffect(load, [load]);

  const url = organisation.publicUrl;
  const local_ = !url || isLocalAddress(url);
  const shown = (counters ?? []).filter((c) => !unitId || c.unitId === unitId);
  const pickUnit = user.role !== 'unit-head' && units.length > 1;

  return (
    <div class="posters-screen">
      {local_ ? (
        <div class="notice error posters-warning" role="alert" data-testid="posters-local-warning">
          <div>
            <p class="strong">⚠ {v.posters.localWarnTitle}</p>
            <p>{fill(v.posters.localWarn, { url: url ?? v.posters.noPublicUrl })}</p>
          </div>
        </div>
      ) : (
        <p class="muted">{fill(v.posters.publicUrl, { url: url! })}</p>
      )}
      <section class="card posters-head">
        <p>{v.posters.intro}</p>
        <div class="posters-actions">
          {pickUnit && (
            <label class="posters-unit">
              <span class="field-label">{v.posters.unit}</span>
              <select value={unitId} onChange={(e) => setParams({ unit: e.currentTarget.value || undefined }, { replace: true })}>
                <option value="">{v.posters.allUnits}</option>
                {units.map((u) => (
                  <option key={u.id} value={u.id}>
                    {local(u.name)}
                  </option>
                ))}
              </select>
            </label>
          )}
          {shown.length > 0 && (
            <a class="btn" href={allPostersUrl(unitId || undefined)} target="_blank" rel="noopener" data-testid="print-all">
              {v.posters.printAll}
            </a>
          )}
          <span class="muted small">{v.posters.printAllHint}</span>
        </div>
      </section>
      {failed ? (
        <div class="notice error" role="alert">
          {v.posters.loadFailed}{' '}
          <button type="button" class="btn btn-secondary" onClick={load}>
            {v.posters.retry}
          </button>
        </div>
      ) : !counters ? (
        <p class="loading">{v.posters.loading}</p>
      ) : shown.length === 0 ? (
        <p class="card muted">{v.posters.empty}</p>
      ) : (
        <ul class="poster-grid" aria-label={v.posters.listTitle}>
          {shown.map((c) => (
            <li key={c.id} class="card poster-card" data-testid={`poster-${c.code}`}>
              <img class="poster-qr" src={qrSvgUrl(c.id)} alt={fill(v.posters.qrAlt, { code: c.code })} width={160} height={160} loading="lazy" />
              <div class="poster-info">
                <p class="poster-code">{c.code}</p>
                <p>{local(c.name)}</p>
                <div class="poster-links">
                  <a class="btn" href={posterUrl(c.id)} target="_blank" rel="noopener" aria-label={fill(v.posters.openLabel, { code: c.code })}>
                    {v.posters.open}
                  </a>
                  <a class="btn btn-secondary" href={`${qrSvgUrl(c.id)}?download=1`} download aria-label={fill(v.posters.svgLabel, { code: c.code })}>
                    {v.posters.svg}
                  </a>
                  <a class="btn btn-secondary" href={`${qrPngUrl(c.id)}?size=1024&download=1`} download aria-label={fill(v.posters.pngLabel, { code: c.code })}>
                    {v.posters.png}
                  </a>
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
