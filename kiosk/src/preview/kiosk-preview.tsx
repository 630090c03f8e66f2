/** The kiosk's start screen and follow-up for a survey version, as an enrolled kiosk shows them; presses send nothing. */
import { useState } from 'preact/hooks';
import type { Locale } from '../../../shared/local-text';
import type { SurveyVersionDetail } from '../../../shared/api/surveys';
import type { Organisation } from '../../../shared/api/organisation';
import type { KioskConfig } from '../../../shared/kiosk-protocol';
import { RatingScreen } from '../ui/rating-screen';
import { FollowUpScreen, type FollowUpState } from '../ui/follow-up-screen';
import { Header } from '../ui/header';
import { previewWords } from './words';

export function KioskPreview({ detail, org, locale: initial }: { detail: SurveyVersionDetail; org: Organisation | null; locale: Locale }) {
  const [locale, setLocale] = useState(initial);
  const [followUp, setFollowUp] = useState<FollowUpState | null>(null);
  const w = previewWords(locale);
  const survey = detail.kiosk;
  if (!survey) return <p style={{ padding: '24px' }}>{w.noKioskForm}</p>;
  // What the kiosk's header needs, filled with this office's name and a placeholder counter.
  const config = {
    device: { id: 'preview', name: w.banner },
    organisation: { id: org?.id ?? '', name: org?.name ?? { vi: '', en: '' }, shortName: org?.shortName ?? null },
    servicePoint: { id: 'preview', code: '—', name: { vi: previewWords('vi').counter, en: previewWords('en').counter } },
    officer: null,
    survey,
  } as unknown as KioskConfig; // only the fields the header reads are filled
  return (
    <div class="kiosk" data-preview="kiosk">
      <Header config={config} locale={locale} onToggleLocale={() => setLocale((l) => (l === 'vi' ? 'en' : 'vi'))} />
      {followUp ? (
        <FollowUpScreen survey={survey} locale={locale} state={followUp} onChange={setFollowUp} onDone={() => setFollowUp(null)} />
      ) : (
        <RatingScreen
          survey={survey}
          locale={locale}
          resting={false}
          onRate={(value) => {
            if (value <= survey.followUpAtOrBelow && survey.reasons) setFollowUp({ reasons: [], comment: '' });
            return true;
          }}
        />
      )}
      <p class="preview-banner" role="note" style={{ position: 'fixed', left: 0, right: 0, bottom: 0, margin: 0, padding: '6px 12px', background: '#fff4d6', color: '#5a4300', font: '600 14px system-ui', textAlign: 'center' }}>
        {w.banner}
      </p>
    </div>
  );
}
