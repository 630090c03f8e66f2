/** Language, session and the screen that follows from them: login or the dashboard. */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { saveLocale, savedLocale, speech, SpeechContext, type Locale } from './i18n';
import { useSession } from './session';
import { LoginScreen } from './ui/login-screen';
import { ForcedPasswordScreen } from './ui/password-form';
import { Shell } from './ui/shell';
import { AppStoreProvider } from './store';

export function App() {
  const [locale, setLocale] = useState<Locale>(savedLocale);
  const s = useMemo(() => speech(locale), [locale]);
  const { session, login, logout, passwordChanged } = useSession();

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = s.m.documentTitle;
  }, [locale]);

  const toggleLocale = () => {
    const next: Locale = locale === 'vi' ? 'en' : 'vi';
    saveLocale(next);
    setLocale(next);
  };

  let screen;
  if (session.state === 'loading') {
    screen = (
      <p class="loading" role="status">
        {s.m.loading}
      </p>
    );
  } else if (session.state === 'anon') {
    screen = <LoginScreen expired={session.expired} onToggleLocale={toggleLocale} onLogin={login} />;
  } else if (session.user.mustChangePassword) {
    // A temporary password: the server refuses everything else until it is changed.
    screen = <ForcedPasswordScreen user={session.user} onChanged={passwordChanged} onLogout={() => void logout()} onToggleLocale={toggleLocale} />;
  } else {
    screen = (
      <AppStoreProvider me={session.user}>
        <Shell user={session.user} onLogout={() => void logout()} onToggleLocale={toggleLocale} />
      </AppStoreProvider>
    );
  }
  return <SpeechContext.Provider value={s}>{screen}</SpeechContext.Provider>;
}
