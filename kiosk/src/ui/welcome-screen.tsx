/**
 * After-service counters, between citizens: a neutral welcome. It has nothing
 * to press (a press here is never a rating); the faces come only when the
 * officer opens a rating session.
 */
import { messages, type Locale } from './i18n';

export function WelcomeScreen({ locale }: { locale: Locale }) {
  const m = messages(locale).session;
  return (
    <main data-screen="welcome">
      <div class="notice welcome">
        <h1>{m.welcome}</h1>
        <p>{m.welcomeBody}</p>
      </div>
    </main>
  );
}
