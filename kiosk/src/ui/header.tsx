import type { KioskConfig } from '../../../shared/kiosk-protocol';
import { local, messages, type Locale } from './i18n';

/** Office, counter and the officer on duty (none while the counter is closed), with the language toggle. */
export function Header({ config, locale, onToggleLocale }: { config: KioskConfig; locale: Locale; onToggleLocale: () => void }) {
  const m = messages(locale);
  // A closed counter ("Quầy tạm ngừng") serves nobody: naming an officer on duty there would send people to a desk that is shut.
  const officer = config.servicePoint.active === false ? null : config.officer;
  return (
    <header class="bar">
      <div class="where">
        <div class="org">{local(config.organisation.name, locale)}</div>
        <div class="counter" data-testid="counter">
          {local(config.servicePoint.name, locale)}
        </div>
      </div>
      {officer && (
        <div class="officer" data-testid="officer">
          <Avatar name={officer.name} photoUrl={officer.photoUrl} initials={officer.initials ?? null} />
          <div>
            <div class="officer-role">{m.officerOnDuty}</div>
            <div class="officer-name" data-testid="officer-name">
              {officer.name}
            </div>
            {officer.title && <div class="officer-role">{local(officer.title, locale)}</div>}
          </div>
        </div>
      )}
      <button type="button" class="lang" lang={locale === 'vi' ? 'en' : 'vi'} aria-label={m.switchLanguageHint} onClick={onToggleLocale} data-testid="lang">
        {m.switchLanguage}
      </button>
    </header>
  );
}

/** The photo when there is one and it loads (offline it may not); otherwise the office's initials for the officer, or the initial of the given name. */
function Avatar({ name, photoUrl, initials }: { name: string; photoUrl: string | null; initials: string | null }) {
  const given = name.trim().split(/\s+/).pop() ?? '';
  const text = initials?.trim() || given.charAt(0).toUpperCase();
  const initial = (
    <span class={`avatar initial${text.length > 2 ? ' long' : ''}`} data-testid="officer-initials">
      {text}
    </span>
  );
  if (!photoUrl) return initial;
  return (
    <span class="avatar-wrap">
      {initial}
      <img
        class="avatar photo"
        src={photoUrl}
        alt=""
        onError={(e) => ((e.currentTarget as HTMLImageElement).style.display = 'none')}
      />
    </span>
  );
}
