import { useSpeech } from '../i18n';

/** Names the language it switches to, in that language. */
export function LanguageToggle({ onToggle }: { onToggle: () => void }) {
  const { m, locale } = useSpeech();
  return (
    <button type="button" class="btn btn-ghost lang" lang={locale === 'vi' ? 'en' : 'vi'} title={m.switchLanguageHint} onClick={onToggle} data-testid="lang">
      {m.switchLanguage}
    </button>
  );
}
