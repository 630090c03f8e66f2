/**
 * The version as citizens see it: the kiosk build's preview page (the real
 * kiosk and QR screens, read-only, nothing submitted) in an iframe, at the
 * size of a counter tablet (landscape) or a phone. The page is served with
 * frame-ancestors 'self' only, so nothing else can frame it.
 */
import { useState } from 'preact/hooks';
import { useViewSpeech } from '../../i18n';
import { surveysMessages } from './messages';
import { surveyPreviewUrl } from '../../api/surveys';

export function SurveyPreview({ versionId, name, onClose }: { versionId: string; name: string; onClose: () => void }) {
  const { v, fill, locale } = useViewSpeech(surveysMessages);
  const [view, setView] = useState<'kiosk' | 'qr'>('kiosk');
  return (
    <section class="card survey-preview" aria-labelledby="survey-preview-title" data-testid="survey-preview">
      <div class="screen-head">
        <h2 class="card-title" id="survey-preview-title">{fill(v.surveys.previewTitle, { version: name })}</h2>
        <button type="button" class="btn btn-secondary" onClick={onClose}>{v.surveys.close}</button>
      </div>
      <p class="muted">{v.surveys.previewNote}</p>
      <div class="preview-tabs" role="group" aria-label={v.surveys.preview}>
        {(['kiosk', 'qr'] as const).map((k) => (
          <button key={k} type="button" class={`btn ${view === k ? '' : 'btn-secondary'}`} aria-pressed={view === k} onClick={() => setView(k)} data-testid={`preview-tab-${k}`}>
            {k === 'kiosk' ? v.surveys.previewKiosk : v.surveys.previewQr}
          </button>
        ))}
      </div>
      <div class={`preview-frame preview-${view}`}>
        <iframe key={`${view}-${locale}`} title={fill(v.surveys.previewTitle, { version: name })} src={surveyPreviewUrl(versionId, view, locale)} data-testid="preview-frame" />
      </div>
    </section>
  );
}
