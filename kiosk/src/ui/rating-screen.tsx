import type { KioskSurvey } from '../../../shared/kiosk-protocol';
import { Face } from './face';
import { usePressGuard } from './hooks';
import { local, messages, type Locale } from './i18n';
import { countdownText } from './staff-corner';

/**
 * The start screen: the question and the faces, lowest on the left. `onRate`
 * answers false when the press was declined (minimum gap), which keeps the
 * screen live; `resting` shows the gentle "please wait" cue.
 */
export function RatingScreen(props: { survey: KioskSurvey; locale: Locale; resting: boolean; onRate: (value: number) => boolean; secondsLeft?: number }) {
  const { survey, locale, resting } = props;
  const m = messages(locale);
  const guard = usePressGuard();
  return (
    <main data-screen="start" data-session={props.secondsLeft !== undefined ? 'open' : undefined}>
      <h1 class="question">{local(survey.question, locale)}</h1>
      <div class={`faces${resting ? ' resting' : ''}`} style={{ '--n': survey.scale.length }}>
        {survey.scale.map((v) => {
          const label = m.scale[String(v) as keyof typeof m.scale];
          return (
            <button type="button" class="face" data-value={v} key={v} onClick={() => guard(() => props.onRate(v))}>
              <Face value={v} />
              <span class="face-label">{label}</span>
            </button>
          );
        })}
      </div>
      <p class="wait" aria-live="polite">
        {resting ? m.pleaseWait : ''}
      </p>
      {props.secondsLeft !== undefined && (
        <p class="countdown" data-testid="countdown">
          {countdownText(locale, props.secondsLeft)}
        </p>
      )}
    </main>
  );
}
