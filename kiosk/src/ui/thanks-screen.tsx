import { CheckMark } from './face';
import { messages, type Locale } from './i18n';

/** The same for every rating: an officer facing the screen cannot tell which face was pressed. */
export function ThanksScreen({ locale }: { locale: Locale }) {
  const m = messages(locale).thanks;
  return (
    <main data-screen="thanks">
      <div class="thanks">
        <CheckMark />
        <h1>{m.title}</h1>
        <p>{m.body}</p>
      </div>
    </main>
  );
}
